package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A codec plug-in, registered as a DS service. Service property {@link #PREFERENCE} (an Integer,
 * higher first) orders offers when the user has not chosen an order.
 */
@ConsumerType
public interface AudioCodec {

    String PREFERENCE = "switchboard.codec.preference";

    CodecInfo info();

    /** A new encoder with its own state, for one stream. */
    Encoder newEncoder();

    /**
     * A new encoder for a stream to a peer that gave these format parameters for the payload type (SDP
     * {@code a=fmtp}, e.g. Opus's {@code usedtx=1}: the peer prefers discontinuous transmission). Codecs
     * with nothing to follow there ignore them.
     *
     * @param peerFmtp the peer's parameters, {@code ""} when it gave none
     * @since 1.2
     */
    default Encoder newEncoder(String peerFmtp) {
        return newEncoder();
    }

    /** A new decoder with its own state, for one stream. */
    Decoder newDecoder();
}

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

    /**
     * The frame length the encoder uses for a peer that gave these format parameters (iLBC's {@code mode=20}
     * asks for 20 ms frames); the engine uses it when the packet length is a multiple of it.
     *
     * @param peerFmtp the peer's parameters, {@code ""} when it gave none
     * @since 1.3
     */
    default int frameMillis(String peerFmtp) {
        return info().frameMillis();
    }

    /** A new decoder with its own state, for one stream. */
    Decoder newDecoder();
}

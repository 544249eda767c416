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

    /** A new decoder with its own state, for one stream. */
    Decoder newDecoder();
}

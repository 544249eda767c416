package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns the codec's bytes into 16-bit PCM. Not thread-safe: one per stream. */
@ConsumerType
public interface Decoder {

    /**
     * @return the number of samples written to {@code pcm} from {@code pcmOffset}
     * @throws IllegalArgumentException if {@code length} bytes cannot be a payload of this codec
     */
    int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset);

    /**
     * Fills {@code samples} samples for a frame that never arrived (packet-loss concealment). Codecs
     * without their own concealment may leave this to the engine's generic one by returning 0.
     *
     * @return the number of samples written
     */
    int conceal(short[] pcm, int pcmOffset, int samples);

    void reset();
}

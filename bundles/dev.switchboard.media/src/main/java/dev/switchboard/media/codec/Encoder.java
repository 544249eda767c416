package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns 16-bit PCM into the codec's bytes. Not thread-safe: one per stream. */
@ConsumerType
public interface Encoder {

    /**
     * Encodes {@code samples} samples (interleaved when there are several channels).
     *
     * @return the number of bytes written to {@code out} from {@code outOffset}; 0 when there is nothing
     *         to send for these samples (discontinuous transmission: the input is background noise, and
     *         the receiver fills the pause with comfort noise)
     * @throws IllegalArgumentException if {@code samples} is not a length the codec can encode
     */
    int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset);

    /** Forgets all state, as at the start of a stream. */
    void reset();
}

package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.ConsumerType;

/** Turns 16-bit PCM into the codec's bytes. Not thread-safe: one per stream. */
@ConsumerType
public interface Encoder {

    /**
     * Encodes {@code samples} samples (interleaved when there are several channels).
     *
     * @return the number of bytes written to {@code out} from {@code outOffset}
     * @throws IllegalArgumentException if {@code samples} is not a length the codec can encode
     */
    int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset);

    /** Forgets all state, as at the start of a stream. */
    void reset();
}

package dev.switchboard.media.codec;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link Decoder} of a codec whose packets carry a redundant copy of the previous frame (in-band
 * forward error correction, as Opus does: RFC 6716 section 2.1.7). The jitter buffer calls
 * {@link #recover} for a lost packet when the one after it has already arrived, instead of
 * {@link #conceal}.
 */
@ConsumerType
public interface FecDecoder extends Decoder {

    /**
     * Rebuilds the frame lost just before {@code nextPayload} from the redundancy in it, or conceals it
     * as {@link #conceal} would when that packet carries none. {@code nextPayload} itself is decoded
     * afterwards by {@link #decode}, as usual.
     *
     * @param samples samples (all channels) the lost frame lasted
     * @return the number of samples written
     * @throws IllegalArgumentException if {@code length} bytes cannot be a payload of this codec
     */
    int recover(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples);
}

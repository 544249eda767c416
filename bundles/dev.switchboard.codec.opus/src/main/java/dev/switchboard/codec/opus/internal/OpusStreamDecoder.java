package dev.switchboard.codec.opus.internal;

import dev.switchboard.media.codec.Decoder;

/**
 * An Opus {@link Decoder} (48 kHz). Results count samples of all channels, interleaved. Besides the
 * SPI it can rebuild a lost packet from the in-band FEC (RFC 6716 section 4.2.3) that the next one
 * carries.
 */
public interface OpusStreamDecoder extends Decoder {

    /** Largest packet duration Opus has: 120 ms, in samples per channel at 48 kHz. */
    int MAX_FRAME_SAMPLES = 5760;

    /**
     * Recovers the packet before {@code nextPayload} from the redundancy in it, or conceals it when
     * that packet has none. Call it before decoding {@code nextPayload} itself.
     *
     * @param samples samples (all channels) the lost packet lasted
     * @return the number of samples written
     */
    int recover(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples);
}

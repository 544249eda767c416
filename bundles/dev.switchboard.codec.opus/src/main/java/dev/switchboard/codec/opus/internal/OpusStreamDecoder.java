package dev.switchboard.codec.opus.internal;

import dev.switchboard.media.codec.FecDecoder;

/**
 * An Opus decoder (48 kHz). Results count samples of all channels, interleaved. As a {@link FecDecoder}
 * it rebuilds a lost packet from the in-band FEC (RFC 6716 section 2.1.7) that the next one carries;
 * the engine's jitter buffer does so whenever the next packet is already there.
 */
public interface OpusStreamDecoder extends FecDecoder {

    /** Largest packet duration Opus has: 120 ms, in samples per channel at 48 kHz. */
    int MAX_FRAME_SAMPLES = 5760;
}

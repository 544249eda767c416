package dev.switchboard.codec.opus.internal;

import dev.switchboard.media.codec.Encoder;

/**
 * An Opus {@link Encoder}. {@link #encode} takes 2.5, 5, 10, 20, 40 or 60 ms of PCM. With DTX on, a
 * result of at most 2 bytes means silence that need not be transmitted.
 */
public interface OpusStreamEncoder extends Encoder {

    /** Samples (at the encoder's rate, per channel) the encoder delays its input: Ogg's pre-skip. */
    int lookahead();
}

package dev.switchboard.codec.opus;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Reads and writes Ogg Opus files (RFC 7845) with the plug-in's Opus encoder and decoder. */
@ProviderType
public interface OggOpusFiles {

    /** Sample rates Opus encodes from; decoding always gives 48 kHz. */
    int[] INPUT_RATES = { 8000, 12000, 16000, 24000, 48000 };

    /**
     * Encodes 16-bit PCM, interleaved when stereo, into a new Ogg Opus file.
     *
     * @throws IllegalArgumentException if the rate is not one of {@link #INPUT_RATES} or there are
     *                                  not 1 or 2 channels
     */
    void write(Path file, int sampleRate, int channels, short[] pcm) throws IOException;

    /**
     * Decodes an Ogg Opus file (channel mapping family 0) to 48 kHz PCM, without the encoder's
     * pre-skip and trimmed to the length the last page gives.
     *
     * @throws IOException if the file is not an Ogg Opus stream we can decode (the message says why)
     */
    DecodedAudio read(Path file) throws IOException;

    /** 48 kHz PCM, interleaved when stereo. */
    record DecodedAudio(int channels, short[] pcm) {
    }
}

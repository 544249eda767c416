package dev.switchboard.media.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    /** Runs a whole signal through in 20 ms frames, as devices deliver it. */
    private static short[] convert(short[] in, int from, int to) {
        Resampler resampler = new Resampler(from, to);
        int frame = from / 50;
        short[] out = new short[resampler.maxOutput(in.length) + frame];
        int written = 0;
        for (int offset = 0; offset + frame <= in.length; offset += frame) {
            written += resampler.process(in, offset, frame, out, written);
        }
        return java.util.Arrays.copyOf(out, written);
    }

    @Test
    void upsamplingKeepsAToneAndItsLevel() {
        short[] in = Signals.tone(1000, 8000, 8000, 10000);
        short[] out = convert(in, 8000, 48000);
        assertTrue(Math.abs(out.length - 48000) <= 6 * new Resampler(8000, 48000).delay(), "length " + out.length);
        double level = Signals.amplitude(out, 4800, 43200, 1000, 48000);
        assertEquals(10000, level, 150, "1 kHz level after 8 -> 48 kHz");
        double image = Signals.amplitude(out, 4800, 43200, 7000, 48000);
        assertTrue(image < 100, "image of the tone at 7 kHz: " + image);
    }

    @Test
    void downsamplingRemovesWhatTheLowerRateCannotCarry() {
        short[] wanted = Signals.tone(1000, 48000, 48000, 8000);
        short[] unwanted = Signals.tone(6000, 48000, 48000, 8000);
        short[] mix = new short[wanted.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (short) (wanted[i] + unwanted[i]);
        }
        short[] out = convert(mix, 48000, 8000);
        assertEquals(8000, Signals.amplitude(out, 800, 7200, 1000, 8000), 150);
        // 6 kHz would fold to 2 kHz at 8 kHz sampling
        double alias = Signals.amplitude(out, 800, 7200, 2000, 8000);
        assertTrue(alias < 80, "alias of 6 kHz at 2 kHz: " + alias + " (must be 40 dB down)");
    }

    @Test
    void wideAndNarrowBandConvertBothWays() {
        short[] in = Signals.tone(440, 16000, 16000, 12000);
        short[] narrow = convert(in, 16000, 8000);
        short[] back = convert(narrow, 8000, 16000);
        assertEquals(12000, Signals.amplitude(back, 1600, 14400, 440, 16000), 200);
    }
}

package dev.switchboard.media.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.switchboard.media.internal.Wav;

/** Measurements on what a call played besides speech quality ({@code SpeechQuality}): tone amplitudes, test tones. */
final class AudioAnalysis {

    private AudioAnalysis() {
    }

    /**
     * Amplitude of {@code frequency} in {@code pcm[from..to)} (Goertzel: the correlation with a complex
     * sinusoid of that frequency), in sample units.
     */
    static double amplitude(short[] pcm, int from, int to, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = from; i < to; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / (to - from);
    }

    /** A mono WAV of a sine. */
    static Path toneFile(Path file, double frequency, int rate, Duration length, double amplitude) throws IOException {
        short[] pcm = new short[(int) (rate * length.toMillis() / 1000)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        Wav.write(file, new Wav.Audio(rate, 1, pcm));
        return file;
    }
}

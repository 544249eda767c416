package dev.switchboard.media.internal.dtmf;

import java.util.Random;

/** Synthetic sounds a DTMF detector must stay silent on. */
final class SpeechLike {
    /** Formants F1-F3 in Hz of the vowels /a/, /i/, /u/, /e/, /o/ (adult male averages). */
    private static final double[][] VOWELS = {
            { 730, 1090, 2440 }, { 270, 2290, 3010 }, { 300, 870, 2240 }, { 530, 1840, 2480 }, { 570, 840, 2410 } };
    private static final double[] FORMANT_BANDWIDTHS = { 60, 90, 120 };

    private SpeechLike() {
    }

    /**
     * Voiced syllables (a glottal pulse train with gliding pitch through three formant resonators
     * moving between vowels), fricative noise and pauses, at a conversational level.
     */
    static short[] speech(int sampleRate, int seconds, Random random) {
        int samples = sampleRate * seconds;
        double[] out = new double[samples];
        double[][] resonatorState = new double[3][2];
        double[] formants = VOWELS[0].clone();
        double[] target = VOWELS[1].clone();
        double basePitch = 100 + random.nextDouble() * 120;
        double glottalPhase = 0;
        double source = 0;
        int syllableLength = sampleRate / 5;
        boolean voiced = true;
        for (int i = 0; i < samples; i++) {
            if (i % syllableLength == 0) {
                target = VOWELS[random.nextInt(VOWELS.length)].clone();
                voiced = random.nextInt(4) != 0;
                syllableLength = sampleRate / 8 + random.nextInt(sampleRate / 5);
            }
            double t = (double) i / sampleRate;
            double pitch = basePitch * (1 + 0.25 * Math.sin(2 * Math.PI * 0.6 * t) + 0.04 * Math.sin(2 * Math.PI * 5 * t));
            glottalPhase += pitch / sampleRate;
            double excitation;
            if (voiced) {
                excitation = glottalPhase >= 1 ? 1 : 0;
            } else {
                excitation = 0.15 * random.nextGaussian();
            }
            if (glottalPhase >= 1) {
                glottalPhase -= 1;
            }
            source = 0.9 * source + excitation; // spectral tilt of the glottal pulse
            double signal = source;
            for (int f = 0; f < 3; f++) {
                formants[f] += (target[f] - formants[f]) * 0.002; // articulators move smoothly
                signal = resonate(signal, formants[f], FORMANT_BANDWIDTHS[f], sampleRate, resonatorState[f]);
            }
            double syllable = Math.sin(Math.PI * (i % syllableLength) / syllableLength);
            out[i] = signal * syllable * syllable;
        }
        return normalise(out, -15);
    }

    /**
     * Chords of several notes (equal temperament, A4 = 440 Hz, five harmonics each) held 400 ms,
     * chosen so that each contains a note within 2 % of a low-group and one within 2 % of a
     * high-group DTMF frequency: F5 (698 Hz) with E6 (1319 Hz) or F#6 (1480 Hz), Bb5 (932 Hz) with F#6.
     */
    static short[] chords(int sampleRate) {
        int[][] chords = { { 77, 81, 84, 88 }, { 77, 82, 85, 90 }, { 70, 77, 82, 90 }, { 65, 69, 72, 77, 81, 88 },
                { 77, 84, 90 }, { 82, 86, 90 }, { 60, 64, 67, 72 }, { 74, 78, 81, 86 } };
        int chordSamples = sampleRate * 2 / 5;
        double[] out = new double[chords.length * chordSamples];
        for (int c = 0; c < chords.length; c++) {
            for (int note : chords[c]) {
                double fundamental = 440 * Math.pow(2, (note - 69) / 12.0);
                for (int harmonic = 1; harmonic <= 5 && harmonic * fundamental < sampleRate / 2.0; harmonic++) {
                    for (int i = 0; i < chordSamples; i++) {
                        double decay = Math.exp(-3.0 * i / chordSamples);
                        out[c * chordSamples + i] += decay / harmonic
                                * Math.sin(2 * Math.PI * harmonic * fundamental * i / sampleRate);
                    }
                }
            }
        }
        return normalise(out, -10);
    }

    private static double resonate(double input, double frequency, double bandwidth, int sampleRate, double[] state) {
        double radius = Math.exp(-Math.PI * bandwidth / sampleRate);
        double a1 = 2 * radius * Math.cos(2 * Math.PI * frequency / sampleRate);
        double a2 = -radius * radius;
        double output = (1 - radius) * input + a1 * state[0] + a2 * state[1];
        state[1] = state[0];
        state[0] = output;
        return output;
    }

    /** Scales to an RMS level in dBm0 (with the generator's reference) and converts to 16 bits. */
    private static short[] normalise(double[] signal, double rmsDbm0) {
        double power = 0;
        for (double sample : signal) {
            power += sample * sample;
        }
        double rms = Math.sqrt(power / signal.length);
        double wanted = DtmfToneGenerator.amplitude(rmsDbm0) / Math.sqrt(2);
        short[] pcm = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            pcm[i] = (short) Math.clamp(Math.round(signal[i] * wanted / rms), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return pcm;
    }
}

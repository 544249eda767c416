package dev.switchboard.codec.g722.internal;

import java.util.Random;
import java.util.function.IntFunction;

/** Generated 16 kHz test inputs, the same on every run, each chosen to stress a different part of the codec. */
enum TestSignals {
    /** Linear sweep across the whole band: both sub-bands and the QMF's crossover at 4 kHz. */
    CHIRP(TestSignals::chirp),
    /** Full-scale white noise: the largest quantiser intervals and the predictor limits. */
    WHITE_NOISE(TestSignals::whiteNoise),
    /** Digital silence: the scale factors at their floor. */
    SILENCE(length -> new short[length]),
    /** Full-scale 250 Hz square wave: steps that overshoot the output range after the receive QMF. */
    SQUARE(TestSignals::square),
    /** Voiced syllables with vibrato and formants, separated by noisy fricatives and pauses. */
    SPEECH_LIKE(TestSignals::speechLike);

    static final int RATE = 16000;
    static final int SECONDS = 3;

    private final IntFunction<short[]> generator;

    TestSignals(IntFunction<short[]> generator) {
        this.generator = generator;
    }

    short[] samples() {
        return generator.apply(RATE * SECONDS);
    }

    private static short[] chirp(int length) {
        double startHz = 50;
        double endHz = 7950;
        double seconds = (double) length / RATE;
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            double t = (double) i / RATE;
            double phase = 2 * Math.PI * (startHz * t + (endHz - startHz) / (2 * seconds) * t * t);
            pcm[i] = (short) Math.round(16000 * Math.sin(phase));
        }
        return pcm;
    }

    private static short[] whiteNoise(int length) {
        Random random = new Random(722);
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        }
        return pcm;
    }

    private static short[] square(int length) {
        int halfPeriod = RATE / 250 / 2;
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            pcm[i] = (i / halfPeriod) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        return pcm;
    }

    private static short[] speechLike(int length) {
        Random random = new Random(3551);
        double[] formantsHz = { 700, 1220, 2600 };
        int syllable = RATE / 4;
        short[] pcm = new short[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            int position = i % syllable;
            double sample;
            if (position < syllable * 6 / 10) {
                double envelope = Math.sin(Math.PI * position / (syllable * 0.6));
                double pitchHz = 120 + 15 * Math.sin(2 * Math.PI * 5 * i / RATE);
                phase += 2 * Math.PI * pitchHz / RATE;
                sample = 0;
                for (int harmonic = 1; harmonic * pitchHz < 7000; harmonic++) {
                    double nearestFormant = Double.MAX_VALUE;
                    for (double formant : formantsHz) {
                        nearestFormant = Math.min(nearestFormant, Math.abs(harmonic * pitchHz - formant));
                    }
                    sample += Math.sin(harmonic * phase) / (1 + nearestFormant / 150);
                }
                sample *= 5000 * envelope;
            } else if (position < syllable * 8 / 10) {
                sample = 3000 * random.nextGaussian();
            } else {
                sample = 0;
            }
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
        }
        return pcm;
    }
}

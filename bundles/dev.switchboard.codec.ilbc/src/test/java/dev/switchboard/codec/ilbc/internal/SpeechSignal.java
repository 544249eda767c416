package dev.switchboard.codec.ilbc.internal;

import java.util.Random;

/**
 * A generated 8 kHz speech-like test signal, the same on every run: voiced syllables (a glottal pulse
 * train with gliding pitch through three formant resonators), noisy fricatives and quiet pauses, at
 * the levels of conversational speech. iLBC is a speech coder, so a tone or white noise would not say
 * much about it.
 */
final class SpeechSignal {

    static final int RATE = 8000;

    private SpeechSignal() {
    }

    static short[] generate(int length) {
        short[] pcm = new short[length];
        Random random = new Random(3951);
        double[][] vowels = {{730, 1090, 2440}, {270, 2290, 3010}, {530, 1840, 2480}, {570, 840, 2410}, {300, 870, 2240}};
        int position = 0;
        int syllable = 0;
        while (position < length) {
            int voiced = Math.min(RATE * (180 + random.nextInt(160)) / 1000, length - position);
            double[] formants = vowels[syllable % vowels.length];
            double pitch = 110 + 60 * random.nextDouble();
            voiced(pcm, position, voiced, formants, pitch, random);
            position += voiced;
            int fricative = Math.min(RATE * (60 + random.nextInt(80)) / 1000, length - position);
            fricative(pcm, position, fricative, random);
            position += fricative;
            int pause = Math.min(RATE * (40 + random.nextInt(120)) / 1000, length - position);
            for (int i = 0; i < pause; i++) {
                pcm[position + i] = (short) Math.round(random.nextGaussian() * 3);
            }
            position += pause;
            syllable++;
        }
        return pcm;
    }

    private static void voiced(short[] pcm, int offset, int length, double[] formants, double pitch, Random random) {
        double[][] state = new double[formants.length][2];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double envelope = Math.sin(Math.PI * i / length);
            double frequency = pitch * (1 + 0.15 * Math.sin(2 * Math.PI * i / length));
            phase += frequency / RATE;
            double excitation = 0;
            if (phase >= 1) {
                phase -= 1;
                excitation = 1;
            }
            excitation += 0.02 * random.nextGaussian();
            double sum = 0;
            for (int f = 0; f < formants.length; f++) {
                double radius = Math.exp(-Math.PI * (60 + 40 * f) / RATE);
                double theta = 2 * Math.PI * formants[f] / RATE;
                double y = excitation + 2 * radius * Math.cos(theta) * state[f][0] - radius * radius * state[f][1];
                state[f][1] = state[f][0];
                state[f][0] = y;
                sum += y / (f + 1);
            }
            pcm[offset + i] = clip(1500 * envelope * sum);
        }
    }

    private static void fricative(short[] pcm, int offset, int length, Random random) {
        double previous = 0;
        for (int i = 0; i < length; i++) {
            double noise = random.nextGaussian();
            double highPassed = noise - 0.9 * previous;
            previous = noise;
            double envelope = Math.sin(Math.PI * i / length);
            pcm[offset + i] = clip(1200 * envelope * highPassed);
        }
    }

    private static short clip(double value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
    }
}

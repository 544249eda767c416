package dev.switchboard.codec.opus.internal;

import java.util.Random;

/** Generated test audio, the same on every run, and the measures the tests apply to it. */
final class Signals {

    private Signals() {
    }

    /**
     * Voiced syllables (a 120 Hz glottal source with vibrato shaped by three formants) separated by
     * noisy fricatives and short pauses: what a speech codec is built for.
     */
    static short[] speechLike(int sampleRate, int seconds) {
        Random random = new Random(6716);
        double[] formantsHz = { 700, 1220, 2600 };
        int length = sampleRate * seconds;
        int syllable = sampleRate / 4;
        short[] pcm = new short[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            int position = i % syllable;
            double sample;
            if (position < syllable * 6 / 10) {
                double envelope = Math.sin(Math.PI * position / (syllable * 0.6));
                double pitchHz = 120 + 15 * Math.sin(2 * Math.PI * 5 * i / sampleRate);
                phase += 2 * Math.PI * pitchHz / sampleRate;
                sample = 0;
                for (int harmonic = 1; harmonic * pitchHz < Math.min(7000, sampleRate / 2.0); harmonic++) {
                    double nearestFormant = Double.MAX_VALUE;
                    for (double formant : formantsHz) {
                        nearestFormant = Math.min(nearestFormant, Math.abs(harmonic * pitchHz - formant));
                    }
                    sample += Math.sin(harmonic * phase) / (1 + nearestFormant / 150);
                }
                sample *= 5000 * envelope;
            } else if (position < syllable * 8 / 10) {
                sample = 1500 * random.nextGaussian();
            } else {
                sample = 0;
            }
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sample)));
        }
        return pcm;
    }

    /** The same mono signal in both channels of an interleaved stereo stream, the right one delayed by {@code delay} samples. */
    static short[] stereo(short[] mono, int delay) {
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = i >= delay ? mono[i - delay] : 0;
        }
        return stereo;
    }

    /** One channel of interleaved PCM. */
    static short[] channel(short[] interleaved, int channels, int channel) {
        short[] mono = new short[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = interleaved[i * channels + channel];
        }
        return mono;
    }

    /**
     * Signal-to-noise ratio in dB of {@code test} against {@code reference}, at the best alignment
     * within {@code maxLag} samples (codecs delay their output), over the overlapping part.
     */
    static double snr(short[] reference, short[] test, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            best = Math.max(best, snrAt(reference, test, lag, 0, reference.length));
        }
        return best;
    }

    /** The lag (test delayed against reference) that {@link #snr} finds best. */
    static int bestLag(short[] reference, short[] test, int maxLag) {
        double best = Double.NEGATIVE_INFINITY;
        int bestLag = 0;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double snr = snrAt(reference, test, lag, 0, reference.length);
            if (snr > best) {
                best = snr;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    /** SNR of reference[from, to) against test shifted by {@code lag}. */
    static double snrAt(short[] reference, short[] test, int lag, int from, int to) {
        double signal = 0;
        double noise = 0;
        for (int i = Math.max(from, -lag); i < to && i + lag < test.length; i++) {
            double x = reference[i];
            double error = x - test[i + lag];
            signal += x * x;
            noise += error * error;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }
}

package dev.switchboard.testing.audio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Speech quality of what a call played ({@code received}) against the speech sent into it ({@code reference}). */
public final class SpeechQuality {
    /** A 20 ms block whose RMS is below -45 dBFS is a pause, not speech. */
    private static final double SPEECH_LEVEL = Math.pow(32768 * Math.pow(10, -45 / 20.0), 2);
    private static final double BAD_BLOCK_DB = 10;

    private SpeechQuality() {
    }

    /**
     * @param medianDb the median speech block's SNR
     * @param badShare the share of speech blocks below 10 dB
     * @param blocks   how many 20 ms blocks carried speech
     */
    public record SegmentalSnr(double medianDb, double badShare, int blocks) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %.1f dB over %d speech blocks of 20 ms, %.1f %% below 10 dB",
                    medianDb, blocks, badShare * 100);
        }
    }

    /**
     * Segmental SNR: over the 20 ms blocks of {@code reference} that carry speech, each block's SNR against
     * {@code received}. Each block is aligned on its own within {@code window} samples of the overall delay,
     * because an adaptive jitter buffer stretches and shrinks playout now and then, which would misalign
     * everything after it for one global delay; a block in which it did so counts as one bad block. The overall
     * delay (up to {@code maxDelay} samples) is the one with the least error over two seconds from 0.5 s in (or
     * what there is). Gain is 1, as a codec should keep it.
     *
     * @throws IllegalArgumentException when less than a second was received beyond {@code maxDelay}
     */
    public static SegmentalSnr segmentalSnr(short[] reference, short[] received, int rate, int maxDelay, int window) {
        int block = rate / 50;
        int length = Math.min(reference.length, received.length - maxDelay - window - block);
        if (length < rate) {
            throw new IllegalArgumentException("only " + received.length + " samples received at " + rate
                    + " Hz, less than a second beyond the " + maxDelay + "-sample delay searched");
        }
        // the overall delay from two seconds of speech is as good as from all of it, and far quicker to find
        int from = Math.min(rate / 2, length / 4);
        int overall = leastErrorDelay(reference, from, Math.min(2 * rate, length - from), received, 0, maxDelay);
        double speech = block * SPEECH_LEVEL;
        List<Double> snrs = new ArrayList<>();
        for (int start = 0; start + block <= length; start += block) {
            double signal = 0;
            for (int i = start; i < start + block; i++) {
                signal += (double) reference[i] * reference[i];
            }
            if (signal < speech) {
                continue;
            }
            int delay = leastErrorDelay(reference, start, block, received, Math.max(0, overall - window), overall + window);
            double noise = 0;
            for (int i = start; i < start + block; i++) {
                double error = reference[i] - received[i + delay];
                noise += error * error;
            }
            snrs.add(10 * Math.log10(signal / Math.max(noise, 1)));
        }
        if (snrs.isEmpty()) {
            throw new IllegalArgumentException("the reference holds no speech above -45 dBFS");
        }
        Collections.sort(snrs);
        long bad = snrs.stream().filter(snr -> snr < BAD_BLOCK_DB).count();
        return new SegmentalSnr(snrs.get(snrs.size() / 2), (double) bad / snrs.size(), snrs.size());
    }

    /**
     * Segmental SNR that follows a playout delay which moves, with no bound on how far: each 20 ms block of
     * {@code reference} that carries speech is scored at its best delay within 10 ms of the previous block's,
     * and where that scores under {@code reacquireBelowDb} the block is searched for within a second either
     * side (a jitter buffer that grew or shrank its delay, or several such steps, since the last block). The
     * first block's delay is searched for in all of {@code received}. The share reported is of blocks under 10 dB,
     * as for {@link #segmentalSnr}.
     */
    public static SegmentalSnr trackedSegmentalSnr(short[] reference, short[] received, int rate, double reacquireBelowDb) {
        int block = rate / 50;
        double speechEnergy = block * SPEECH_LEVEL;
        List<Double> snrs = new ArrayList<>();
        int delay = -1;
        for (int start = 0; start + block <= reference.length; start += block) {
            double signal = 0;
            for (int i = start; i < start + block; i++) {
                signal += (double) reference[i] * reference[i];
            }
            if (signal < speechEnergy) {
                continue;
            }
            int latest = received.length - block - start;
            if (latest < 0) {
                break;
            }
            double snr = Double.NEGATIVE_INFINITY;
            if (delay >= 0) {
                int near = leastErrorDelay(reference, start, block, received, Math.max(0, delay - rate / 100),
                        Math.min(latest, delay + rate / 100));
                snr = blockSnr(reference, start, block, received, near, signal);
                delay = near;
            }
            if (snr < reacquireBelowDb) {
                int from = delay < 0 ? 0 : Math.max(0, delay - rate);
                int to = delay < 0 ? latest : Math.min(latest, delay + rate);
                int found = leastErrorDelay(reference, start, block, received, from, to);
                double foundSnr = blockSnr(reference, start, block, received, found, signal);
                if (foundSnr > snr) {
                    snr = foundSnr;
                    delay = found;
                }
            }
            snrs.add(snr);
        }
        Collections.sort(snrs);
        long bad = snrs.stream().filter(snr -> snr < BAD_BLOCK_DB).count();
        return new SegmentalSnr(snrs.get(snrs.size() / 2), (double) bad / snrs.size(), snrs.size());
    }

    private static double blockSnr(short[] reference, int start, int block, short[] received, int delay,
            double signal) {
        double noise = 0;
        for (int i = start; i < start + block; i++) {
            double error = reference[i] - received[i + delay];
            noise += error * error;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-3));
    }

    /**
     * The Pearson correlation of the {@code block}-sample RMS levels (in dB) of the reference and what was
     * received, at the best delay of up to {@code maxLag} blocks: near 1 for the same speech through a codec
     * that does not keep the waveform, far below for silence, noise or chopped audio.
     *
     * @throws IllegalArgumentException when fewer than 100 blocks can be compared
     */
    public static double envelopeCorrelation(short[] reference, short[] received, int block, int maxLag) {
        double[] source = levels(reference, block);
        double[] heard = levels(received, block);
        int length = Math.min(source.length, heard.length - maxLag);
        if (length <= 100) {
            throw new IllegalArgumentException("only " + received.length + " samples received, fewer than 100 blocks of "
                    + block + " beyond the " + maxLag + "-block delay searched");
        }
        double best = -1;
        for (int lag = 0; lag <= maxLag; lag++) {
            double sumA = 0;
            double sumB = 0;
            double sumAB = 0;
            double sumAA = 0;
            double sumBB = 0;
            for (int i = 0; i < length; i++) {
                double a = source[i];
                double b = heard[i + lag];
                sumA += a;
                sumB += b;
                sumAB += a * b;
                sumAA += a * a;
                sumBB += b * b;
            }
            double covariance = sumAB - sumA * sumB / length;
            double spread = Math.sqrt((sumAA - sumA * sumA / length) * (sumBB - sumB * sumB / length));
            if (spread > 0) {
                best = Math.max(best, covariance / spread);
            }
        }
        return best;
    }

    private static double[] levels(short[] samples, int block) {
        double[] levels = new double[samples.length / block];
        for (int b = 0; b < levels.length; b++) {
            double energy = 0;
            for (int i = b * block; i < (b + 1) * block; i++) {
                energy += (double) samples[i] * samples[i];
            }
            levels[b] = 10 * Math.log10(energy / block + 1);
        }
        return levels;
    }

    private static int leastErrorDelay(short[] reference, int start, int length, short[] received, int minDelay,
            int maxDelay) {
        int best = minDelay;
        double leastError = Double.POSITIVE_INFINITY;
        for (int delay = minDelay; delay <= maxDelay && start + length + delay <= received.length; delay++) {
            double error = 0;
            for (int i = start; i < start + length && error < leastError; i++) {
                double difference = reference[i] - received[i + delay];
                error += difference * difference;
            }
            if (error < leastError) {
                leastError = error;
                best = delay;
            }
        }
        return best;
    }
}

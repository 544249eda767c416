package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.switchboard.media.internal.Wav;

/** Measurements on what a call played: speech SNR after alignment, tone amplitudes, test tones. */
final class AudioAnalysis {

    private AudioAnalysis() {
    }

    /**
     * Segmental SNR of speech: the median, over the 20 ms blocks of {@code reference} that carry speech
     * (RMS above -45 dBFS), of each block's SNR against {@code received}, and the share of those blocks
     * below 10 dB. Each block is aligned on its own: an adaptive jitter buffer stretches and shrinks
     * playout by a few ms now and then (most at the start, while it learns the jitter), which would
     * misalign everything after it for one global delay; a block in which it did so counts as one bad
     * block. The overall delay is the one (up to {@code maxDelay} samples) with the least error over two
     * seconds from 0.5 s in; each block takes the delay with its least error within 50 ms of that. Gain is 1, as
     * a codec should keep it.
     */
    static SegmentalSnr segmentalSnr(short[] reference, short[] received, int rate, int maxDelay) {
        int length = Math.min(reference.length, received.length - maxDelay - rate / 20);
        // the overall delay from two seconds of speech is as good as from all of it, and far quicker to find
        int overall = leastErrorDelay(reference, rate / 2, Math.min(2 * rate, length - rate / 2), received, 0, maxDelay);
        int block = rate / 50;
        int window = rate / 20;
        double speechEnergy = block * Math.pow(32768 * Math.pow(10, -45 / 20.0), 2);
        java.util.List<Double> snrs = new java.util.ArrayList<>();
        for (int start = 0; start + block <= length; start += block) {
            double signal = 0;
            for (int i = start; i < start + block; i++) {
                signal += (double) reference[i] * reference[i];
            }
            if (signal < speechEnergy) {
                continue;
            }
            int delay = leastErrorDelay(reference, start, block, received, Math.max(0, overall - window),
                    overall + window);
            double noise = 0;
            for (int i = start; i < start + block; i++) {
                double error = reference[i] - received[i + delay];
                noise += error * error;
            }
            snrs.add(10 * Math.log10(signal / Math.max(noise, 1)));
        }
        java.util.Collections.sort(snrs);
        long bad = snrs.stream().filter(snr -> snr < 10).count();
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
    static SegmentalSnr trackedSegmentalSnr(short[] reference, short[] received, int rate, double reacquireBelowDb) {
        int block = rate / 50;
        double speechEnergy = block * Math.pow(32768 * Math.pow(10, -45 / 20.0), 2);
        java.util.List<Double> snrs = new java.util.ArrayList<>();
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
        java.util.Collections.sort(snrs);
        long bad = snrs.stream().filter(snr -> snr < 10).count();
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
     * @param medianDb   the median block's SNR
     * @param badShare   the share of speech blocks below 10 dB
     * @param blocks     how many 20 ms blocks carried speech
     */
    record SegmentalSnr(double medianDb, double badShare, int blocks) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "median %.1f dB over %d speech blocks of 20 ms, %.1f %% below 10 dB",
                    medianDb, blocks, badShare * 100);
        }
    }

    private static int leastErrorDelay(short[] reference, int start, int length, short[] received, int minDelay,
            int maxDelay) {
        int best = minDelay;
        double leastError = Double.POSITIVE_INFINITY;
        for (int delay = minDelay; delay <= maxDelay; delay++) {
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

    /** Waits for a condition the media threads bring about, checking every 20 ms, failing after {@code timeout}. */
    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

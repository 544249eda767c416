package dev.switchboard.protocol.sip.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How faithfully speech crossed a call: the received recording is brought to 8 kHz, aligned with the source by
 * cross-correlation, and compared segment by segment (160 ms, each re-aligned within 30 ms of the previous one and scaled by its best
 * gain, so a jitter-buffer stretch or a level change costs little); the result is the median segmental SNR over the
 * segments where the source speaks.
 */
final class SpeechComparison {

    private static final int RATE = 8000;
    private static final int SEGMENT = RATE * 160 / 1000;
    private static final int LOCAL_SEARCH = RATE * 30 / 1000;
    private static final double REACQUIRE_BELOW_DB = 10;
    private static final int EARLIEST = -RATE / 2;
    private static final int LATEST = RATE * 3 / 2;
    /** Segments quieter than this (mean square of 16-bit samples, about -45 dBFS) are pauses and not scored. */
    private static final double SPEAKING = Math.pow(32768 * Math.pow(10, -45 / 20.0), 2);

    private SpeechComparison() {
    }

    record Wav(short[] samples, int rate) {
    }

    /**
     * The median segmental SNR of {@code received} against {@code source} (8 kHz), in dB. A recording at n times 8 kHz
     * is decimated at each of its n phases and the best is kept, as a resampler's delay need not be whole 8 kHz samples.
     */
    static double snr(short[] source, Wav received) {
        int factor = received.rate() / RATE;
        if (received.rate() % RATE != 0 || factor < 1) {
            throw new AssertionError("recording at " + received.rate() + " Hz, not a multiple of 8 kHz");
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int phase = 0; phase < factor; phase++) {
            best = Math.max(best, snrAtEightKilohertz(source, toEightKilohertz(received, phase)));
        }
        return best;
    }

    private static double snrAtEightKilohertz(short[] source, double[] heard) {
        int tracked = bestLag(source, heard, EARLIEST, LATEST, 0, Math.min(source.length, RATE));
        double[] scores = new double[source.length / SEGMENT];
        int scored = 0;
        for (int start = 0; start + SEGMENT <= source.length; start += SEGMENT) {
            double energy = 0;
            for (int i = start; i < start + SEGMENT; i++) {
                energy += (double) source[i] * source[i];
            }
            if (energy / SEGMENT < SPEAKING) {
                continue;
            }
            double best = Double.NEGATIVE_INFINITY;
            int bestLag = tracked;
            // follow the playout delay as the receiver's jitter buffer moves it
            for (int local = tracked - LOCAL_SEARCH; local <= tracked + LOCAL_SEARCH; local++) {
                if (start + local < 0 || start + local + SEGMENT > heard.length) {
                    continue;
                }
                double snr = segmentSnr(source, heard, start, local);
                if (snr > best) {
                    best = snr;
                    bestLag = local;
                }
            }
            if (best < REACQUIRE_BELOW_DB) {
                // alignment lost (a wrong start, or a playout jump beyond the tracking window): search this segment
                // over the whole range and score it there
                int wide = bestLag(source, heard, EARLIEST, LATEST, start, start + SEGMENT);
                if (start + wide >= 0 && start + wide + SEGMENT <= heard.length) {
                    double snr = segmentSnr(source, heard, start, wide);
                    if (snr > best) {
                        best = snr;
                        bestLag = wide;
                    }
                }
            }
            if (best > Double.NEGATIVE_INFINITY) {
                scores[scored++] = best;
                tracked = bestLag;
            }
        }
        if (scored < 5) {
            return Double.NEGATIVE_INFINITY;
        }
        double[] sorted = Arrays.copyOf(scores, scored);
        Arrays.sort(sorted);
        return sorted[scored / 2];
    }

    private static double segmentSnr(short[] source, double[] heard, int start, int lag) {
        double sx = 0;
        double xx = 0;
        for (int i = start; i < start + SEGMENT; i++) {
            sx += source[i] * heard[i + lag];
            xx += heard[i + lag] * heard[i + lag];
        }
        double gain = xx == 0 ? 0 : sx / xx;
        double signal = 0;
        double noise = 0;
        for (int i = start; i < start + SEGMENT; i++) {
            double error = source[i] - gain * heard[i + lag];
            signal += (double) source[i] * source[i];
            noise += error * error;
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-9));
    }

    /** The lag (heard index minus source index) with the highest normalised correlation over the source window. */
    private static int bestLag(short[] source, double[] heard, int earliest, int latest, int from, int to) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int lag = earliest; lag <= latest; lag++) {
            double dot = 0;
            double power = 0;
            for (int i = from; i < to; i++) {
                int j = i + lag;
                if (j < 0 || j >= heard.length) {
                    continue;
                }
                dot += source[i] * heard[j];
                power += heard[j] * heard[j];
            }
            double score = power == 0 ? 0 : dot / Math.sqrt(power);
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        return best;
    }

    /** Low-pass (windowed sinc at 3.8 kHz) and keep every n-th sample from {@code phase} on (n = rate / 8 kHz). */
    private static double[] toEightKilohertz(Wav wav, int phase) {
        int factor = wav.rate() / RATE;
        short[] in = wav.samples();
        if (factor == 1) {
            double[] out = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = in[i];
            }
            return out;
        }
        int half = 16 * factor;
        double cutoff = 3800.0 / wav.rate();
        double[] taps = new double[2 * half + 1];
        double sum = 0;
        for (int k = -half; k <= half; k++) {
            double sinc = k == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * k) / (Math.PI * k);
            double window = 0.54 + 0.46 * Math.cos(Math.PI * k / half);
            taps[k + half] = sinc * window;
            sum += taps[k + half];
        }
        double[] out = new double[(in.length - phase) / factor];
        for (int n = 0; n < out.length; n++) {
            int centre = phase + n * factor;
            double acc = 0;
            for (int k = -half; k <= half; k++) {
                int i = centre + k;
                if (i >= 0 && i < in.length) {
                    acc += taps[k + half] * in[i];
                }
            }
            out[n] = acc / sum;
        }
        return out;
    }

    /** The samples of a 16-bit PCM WAV (first channel), whether or not its header sizes were completed. */
    static Wav read(Path file) throws IOException {
        ByteBuffer wav = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = RATE;
        int channels = 1;
        int position = 12;
        while (position + 8 <= wav.limit()) {
            String id = new String(wav.array(), position, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = wav.getInt(position + 4);
            if (id.equals("fmt ")) {
                channels = wav.getShort(position + 10);
                rate = wav.getInt(position + 12);
            } else if (id.equals("data")) {
                int start = position + 8;
                int frames = (wav.limit() - start) / (2 * channels);
                short[] samples = new short[frames];
                for (int i = 0; i < frames; i++) {
                    samples[i] = wav.getShort(start + i * 2 * channels);
                }
                return new Wav(samples, rate);
            }
            position += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk in " + file);
    }
}

package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether a WAV holds a tone: per 20 ms block of the last second a least-squares sine fit at the tone's frequency,
 * its energy in dB against the residual, median over the blocks.
 */
final class ToneCheck {

    private ToneCheck() {
    }

    /** Waits until a WAV file holds {@code seconds} of 16-bit mono audio at {@code rate}. */
    static void awaitAudio(Path file, int rate, double seconds, Duration timeout) throws IOException {
        long bytes = 44 + (long) (rate * 2 * seconds);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file) || Files.size(file) < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not reach " + seconds + " s of audio within " + timeout
                        + (Files.exists(file) ? " (" + Files.size(file) + " bytes)" : " (missing)"));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /**
     * Asserts the last second (before the final quarter second) holds a tone within 0.5 % of {@code frequency} at least
     * {@code minimumDb} above everything else.
     */
    static double assertTone(Path wav, double frequency, double minimumDb, String what) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 8000;
        int channels = 1;
        int position = 12;
        short[] samples = null;
        while (position + 8 <= data.limit() && samples == null) {
            String id = new String(data.array(), position, 4, StandardCharsets.US_ASCII);
            int size = data.getInt(position + 4);
            if (id.equals("fmt ")) {
                channels = data.getShort(position + 10);
                rate = data.getInt(position + 12);
            } else if (id.equals("data")) {
                int start = position + 8;
                int frames = (data.limit() - start) / (2 * channels);
                samples = new short[frames];
                for (int i = 0; i < frames; i++) {
                    samples[i] = data.getShort(start + i * 2 * channels);
                }
            }
            position += 8 + size + (size & 1);
        }
        assertTrue(samples != null && samples.length >= rate * 3 / 2, what + ": less than 1.5 s of audio in " + wav);
        int block = rate / 50;
        int end = samples.length - rate / 4;
        int blocks = rate / block;
        // the two ends' clocks may differ a little (RFC 3550 senders drift up to ~0.1 %): the tone is looked for
        // within 0.5 % of its frequency, and where it was found is printed and checked
        double found = frequency;
        double best = Double.NEGATIVE_INFINITY;
        for (double candidate = frequency * 0.995; candidate <= frequency * 1.005; candidate += 0.5) {
            double median = medianSnr(samples, end, blocks, block, candidate, rate);
            if (median > best) {
                best = median;
                found = candidate;
            }
        }
        System.out.printf("SIP %s: tone found at %.1f Hz (sent %.0f Hz), %.1f dB over the rest%n", what, found,
                frequency, best);
        assertTrue(best >= minimumDb, what + ": the tone near " + frequency + " Hz is only " + best
                + " dB over the rest");
        return best;
    }

    private static double medianSnr(short[] samples, int end, int blocks, int block, double frequency, int rate) {
        double[] ratios = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            ratios[b] = toneToRestDb(samples, end - (blocks - b) * block, block, frequency, rate);
        }
        java.util.Arrays.sort(ratios);
        return ratios[blocks / 2];
    }

    /** Least-squares fit of a sine at the frequency (any phase) to one block: fitted energy against the residual. */
    static double toneToRestDb(short[] pcm, int from, int length, double frequency, int rate) {
        double cc = 0;
        double ss = 0;
        double cs = 0;
        double xc = 0;
        double xs = 0;
        for (int i = from; i < from + length; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            double c = Math.cos(phase);
            double s = Math.sin(phase);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            xc += pcm[i] * c;
            xs += pcm[i] * s;
        }
        double determinant = cc * ss - cs * cs;
        double a = (xc * ss - xs * cs) / determinant;
        double b = (xs * cc - xc * cs) / determinant;
        double tone = 0;
        double rest = 0;
        for (int i = from; i < from + length; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            double fitted = a * Math.cos(phase) + b * Math.sin(phase);
            tone += fitted * fitted;
            rest += (pcm[i] - fitted) * (pcm[i] - fitted);
        }
        return 10 * Math.log10(Math.max(tone, 1e-9) / Math.max(rest, 1e-9));
    }
}

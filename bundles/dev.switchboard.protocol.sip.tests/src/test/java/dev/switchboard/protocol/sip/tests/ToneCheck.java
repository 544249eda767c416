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
 * Whether a WAV holds a tone: the share of the last second's energy at the tone's frequency (Goertzel over 20 ms
 * blocks), in dB against everything else, median over the blocks.
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

    /** Asserts the last second (before the final quarter second) holds {@code frequency} at least {@code minimumDb}. */
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
        double[] ratios = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            int from = end - (blocks - b) * block;
            ratios[b] = toneToRestDb(samples, from, block, frequency, rate);
        }
        java.util.Arrays.sort(ratios);
        double median = ratios[blocks / 2];
        System.out.printf("SIP %s: %.0f Hz at %.1f dB over the rest%n", what, frequency, median);
        assertTrue(median >= minimumDb, what + ": the " + frequency + " Hz tone is only " + median + " dB over the rest");
        return median;
    }

    private static double toneToRestDb(short[] pcm, int from, int length, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        double total = 0;
        for (int i = from; i < from + length; i++) {
            double current = pcm[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
            total += (double) pcm[i] * pcm[i];
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        // a pure sine of amplitude A over N samples: Goertzel power (A N / 2)^2, energy A^2 N / 2
        double toneEnergy = 2 * power / length;
        double rest = Math.max(total - toneEnergy, 1e-9 * length);
        return 10 * Math.log10(Math.max(toneEnergy, 1e-9) / rest);
    }
}

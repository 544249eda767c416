package dev.switchboard.codec.opus.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Encode+decode speed of our Opus on each back end, run by {@code scripts/bench-opus.sh} (not a
 * test). Writes the input it measures (a minute of the speech-like test signal at 48 kHz) so that the
 * script can time plain libopus from C on exactly the same samples, then prints, per back end, the
 * best of several passes (the thread's CPU time, as the machine may be busy; the anchor's is CPU time
 * too) in 20 ms frames through the codec SPI as the media engine calls it, and the
 * bytes the hot loop allocated per frame (the JVM's per-thread allocation counter, as JMH's
 * {@code -prof gc} reads it).
 *
 * <p>usage: {@code OpusSpeed input.raw passes}
 */
public final class OpusSpeed {

    private static final int RATE = 48_000;
    private static final int FRAME = 960;
    private static final int SECONDS = 60;

    private OpusSpeed() {
    }

    public static void main(String[] arguments) throws Exception {
        short[] pcm = new short[RATE * SECONDS];
        short[] syllables = Signals.speechLike(RATE, 2);
        for (int i = 0; i < pcm.length; i += syllables.length) {
            System.arraycopy(syllables, 0, pcm, i, Math.min(syllables.length, pcm.length - i));
        }
        Files.write(Path.of(arguments[0]), Tools.toBytes(pcm));
        int passes = Integer.parseInt(arguments[1]);
        for (Backends which : Backends.values()) {
            measure(which.toString().toLowerCase(java.util.Locale.ROOT), which.create(), pcm, passes);
        }
    }

    private static void measure(String name, OpusBackend backend, short[] pcm, int passes) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] packet = new byte[4000];
        short[] decoded = new short[OpusStreamDecoder.MAX_FRAME_SAMPLES];
        long bestNanos = Long.MAX_VALUE;
        long checksum = 0;
        long allocatedPerFrame = 0;
        for (int pass = 0; pass < passes; pass++) {
            OpusStreamEncoder encoder = backend.newEncoder(RATE, 1, OpusEncoderSettings.VOICE);
            OpusStreamDecoder decoder = backend.newDecoder(1);
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            int frames = 0;
            for (int i = 0; i + FRAME <= pcm.length; i += FRAME, frames++) {
                int bytes = encoder.encode(pcm, i, FRAME, packet, 0);
                checksum += decoder.decode(packet, 0, bytes, decoded, 0) + decoded[0];
            }
            bestNanos = Math.min(bestNanos, threads.getCurrentThreadCpuTime() - start);
            allocatedPerFrame = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / frames;
        }
        double audioSeconds = (double) pcm.length / RATE;
        // the checksum keeps the JIT from dropping the work as unused
        System.out.printf("switchboard Opus (%s) encode+decode: %.0f s of audio in %.3f s CPU (best of %d passes) = %.1fx realtime,"
                + " %d bytes allocated per frame in the last pass (checksum %d)%n", name, audioSeconds, bestNanos / 1e9, passes,
                audioSeconds / (bestNanos / 1e9), allocatedPerFrame, checksum);
    }
}

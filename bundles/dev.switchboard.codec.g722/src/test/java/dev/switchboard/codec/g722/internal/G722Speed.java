package dev.switchboard.codec.g722.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Encode+decode speed of our G.722, run by {@code scripts/bench-g722.sh} (not a test). Writes the
 * input it measures, ten minutes of the speech-like test signal, so that the script can time ffmpeg
 * on exactly the same samples, then prints the best of several passes in 20 ms frames as the media
 * engine will call it. Time is the thread's CPU time, as ffmpeg's is its CPU time: on a shared, loaded
 * machine wall time would count other processes' turns against us.
 *
 * <p>usage: {@code G722Speed input.raw passes}
 */
public final class G722Speed {

    private static final int REPEATS = 200;
    private static final int FRAME_SAMPLES = 320;

    private G722Speed() {
    }

    public static void main(String[] arguments) throws Exception {
        short[] syllables = TestSignals.SPEECH_LIKE.samples();
        short[] pcm = new short[syllables.length * REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            System.arraycopy(syllables, 0, pcm, i * syllables.length, syllables.length);
        }
        Files.write(Path.of(arguments[0]), ReferenceCodecs.toBytes(pcm));
        int passes = Integer.parseInt(arguments[1]);

        G722Codec codec = new G722Codec();
        byte[] payload = new byte[FRAME_SAMPLES / 2];
        short[] decoded = new short[FRAME_SAMPLES];
        long bestNanos = Long.MAX_VALUE;
        long checksum = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // HotSpot's per-thread allocation counter: what the last pass allocated, per 20 ms frame
        com.sun.management.ThreadMXBean allocation = (com.sun.management.ThreadMXBean) threads;
        long allocatedInLastPass = 0;
        long frames = pcm.length / FRAME_SAMPLES;
        for (int pass = 0; pass < passes; pass++) {
            Encoder encoder = codec.newEncoder();
            Decoder decoder = codec.newDecoder();
            long allocatedBefore = allocation.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i + FRAME_SAMPLES <= pcm.length; i += FRAME_SAMPLES) {
                encoder.encode(pcm, i, FRAME_SAMPLES, payload, 0);
                decoder.decode(payload, 0, payload.length, decoded, 0);
                checksum += decoded[0];
            }
            bestNanos = Math.min(bestNanos, threads.getCurrentThreadCpuTime() - start);
            allocatedInLastPass = allocation.getCurrentThreadAllocatedBytes() - allocatedBefore;
        }
        double audioSeconds = (double) pcm.length / TestSignals.RATE;
        // Printing the checksum keeps the JIT from dropping the work as unused.
        System.out.printf("switchboard G.722 encode+decode: %.0f s of audio in %.3f s CPU (best of %d passes) = %.0fx realtime (checksum %d)%n",
                audioSeconds, bestNanos / 1e9, passes, audioSeconds / (bestNanos / 1e9), checksum);
        System.out.printf("switchboard G.722 allocation: %d bytes in the last pass of %d frames (%.3f bytes per frame)%n",
                allocatedInLastPass, frames, (double) allocatedInLastPass / frames);
    }
}

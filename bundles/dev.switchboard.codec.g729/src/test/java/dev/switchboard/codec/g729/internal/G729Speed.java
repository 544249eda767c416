package dev.switchboard.codec.g729.internal;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Encode+decode speed of our G.729 (libbcg729 through FFM), run by {@code scripts/bench-g729.sh}
 * (not a test). Writes the input (a minute of 8 kHz speech-like signal) for the script's C anchor,
 * then prints the best of several passes in 20 ms frames (thread CPU time) and the bytes the hot loop
 * allocated per frame.
 *
 * <p>usage: {@code G729Speed input.raw passes}
 */
public final class G729Speed {

    private static final int FRAME = 160;
    private static final int SECONDS = 60;

    private G729Speed() {
    }

    public static void main(String[] arguments) throws Exception {
        short[] pcm = new short[8000 * SECONDS];
        short[] syllables = G729ConformanceTest.speechLike(8000, 3);
        for (int i = 0; i < pcm.length; i += syllables.length) {
            System.arraycopy(syllables, 0, pcm, i, Math.min(syllables.length, pcm.length - i));
        }
        ByteBuffer raw = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        raw.asShortBuffer().put(pcm);
        Files.write(Path.of(arguments[0]), raw.array());
        int passes = Integer.parseInt(arguments[1]);

        StringBuilder whyNot = new StringBuilder();
        G729Codec codec = new G729Codec(Bcg729.load(Bcg729.DEFAULT_LIBRARY, whyNot)
                .orElseThrow(() -> new IllegalStateException(whyNot.toString())));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] payload = new byte[20];
        short[] decoded = new short[FRAME];
        long bestNanos = Long.MAX_VALUE;
        long checksum = 0;
        long allocatedPerFrame = 0;
        for (int pass = 0; pass < passes; pass++) {
            Encoder encoder = codec.newEncoder();
            Decoder decoder = codec.newDecoder();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = threads.getCurrentThreadCpuTime();
            int frames = 0;
            for (int i = 0; i + FRAME <= pcm.length; i += FRAME, frames++) {
                int bytes = encoder.encode(pcm, i, FRAME, payload, 0);
                decoder.decode(payload, 0, bytes, decoded, 0);
                checksum += decoded[0];
            }
            bestNanos = Math.min(bestNanos, threads.getCurrentThreadCpuTime() - start);
            allocatedPerFrame = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / frames;
        }
        System.out.printf("switchboard G.729 (libbcg729 through FFM) encode+decode: %d s of audio in %.3f s CPU (best of %d passes)"
                + " = %.1fx realtime, %d bytes allocated per frame in the last pass (checksum %d)%n", SECONDS, bestNanos / 1e9,
                passes, SECONDS / (bestNanos / 1e9), allocatedPerFrame, checksum);
    }
}

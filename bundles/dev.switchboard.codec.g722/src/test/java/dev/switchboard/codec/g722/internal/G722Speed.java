package dev.switchboard.codec.g722.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Encode+decode speed of our G.722, run by {@code scripts/bench-g722.sh} (not a test). Writes the
 * input it measures, ten minutes of the speech-like test signal, so that the script can time ffmpeg
 * on exactly the same samples, then prints the best of several passes in 20 ms frames as the media
 * engine will call it.
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
        for (int pass = 0; pass < passes; pass++) {
            Encoder encoder = codec.newEncoder();
            Decoder decoder = codec.newDecoder();
            long start = System.nanoTime();
            for (int i = 0; i + FRAME_SAMPLES <= pcm.length; i += FRAME_SAMPLES) {
                encoder.encode(pcm, i, FRAME_SAMPLES, payload, 0);
                decoder.decode(payload, 0, payload.length, decoded, 0);
                checksum += decoded[0];
            }
            bestNanos = Math.min(bestNanos, System.nanoTime() - start);
        }
        double audioSeconds = (double) pcm.length / TestSignals.RATE;
        // Printing the checksum keeps the JIT from dropping the work as unused.
        System.out.printf("switchboard G.722 encode+decode: %.0f s of audio in %.3f s (best of %d passes) = %.0fx realtime (checksum %d)%n",
                audioSeconds, bestNanos / 1e9, passes, audioSeconds / (bestNanos / 1e9), checksum);
    }
}

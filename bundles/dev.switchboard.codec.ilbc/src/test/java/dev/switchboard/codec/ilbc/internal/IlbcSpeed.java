package dev.switchboard.codec.ilbc.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Speed of our iLBC, run by {@code scripts/bench-ilbc.sh} (not a test). Encodes ten minutes of the
 * speech-like test signal in 30 ms (or 20 ms) frames and decodes it again, best of several passes each
 * in CPU time of the one thread doing it (the machine may be busy; ffmpeg is measured in CPU time too),
 * and writes the stream as an RFC 3952 file so that the script can time ffmpeg's decoder on exactly the
 * same frames (Debian's ffmpeg has no iLBC encoder).
 *
 * <p>usage: {@code IlbcSpeed millis stream.lbc passes}
 */
public final class IlbcSpeed {

    private static final int SIGNAL_SAMPLES = 28800;
    private static final int REPEATS = 167;

    private IlbcSpeed() {
    }

    public static void main(String[] arguments) throws Exception {
        IlbcMode mode = IlbcMode.forMillis(Integer.parseInt(arguments[0])).orElseThrow();
        Path streamFile = Path.of(arguments[1]);
        int passes = Integer.parseInt(arguments[2]);
        short[] syllables = SpeechSignal.generate(SIGNAL_SAMPLES);
        short[] pcm = new short[syllables.length * REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            System.arraycopy(syllables, 0, pcm, i * syllables.length, syllables.length);
        }
        int frames = pcm.length / mode.blockLength;
        byte[] stream = new byte[frames * mode.bytes];
        short[] decoded = new short[mode.blockLength];
        long bestEncode = Long.MAX_VALUE;
        long bestDecode = Long.MAX_VALUE;
        long checksum = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < passes; pass++) {
            IlbcEncoder encoder = new IlbcEncoder();
            long start = threads.getCurrentThreadCpuTime();
            for (int f = 0; f < frames; f++) {
                encoder.encode(pcm, f * mode.blockLength, mode.blockLength, stream, f * mode.bytes);
            }
            bestEncode = Math.min(bestEncode, threads.getCurrentThreadCpuTime() - start);
            IlbcDecoder decoder = new IlbcDecoder(mode.millis);
            start = threads.getCurrentThreadCpuTime();
            for (int f = 0; f < frames; f++) {
                decoder.decode(stream, f * mode.bytes, mode.bytes, decoded, 0);
                checksum += decoded[0];
            }
            bestDecode = Math.min(bestDecode, threads.getCurrentThreadCpuTime() - start);
        }
        byte[] header = ("#!iLBC" + mode.millis + "\n").getBytes(StandardCharsets.US_ASCII);
        Files.write(streamFile, ByteBuffer.allocate(header.length + stream.length).order(ByteOrder.BIG_ENDIAN)
                .put(header).put(stream).array());
        double audioSeconds = (double) frames * mode.blockLength / SpeechSignal.RATE;
        // Printing the checksum keeps the JIT from dropping the decoding as unused.
        System.out.printf("switchboard iLBC %d ms: %.0f s of audio; encode %.3f s = %.0fx realtime, decode %.3f s = %.0fx"
                + " realtime, encode+decode %.0fx realtime (best of %d passes, checksum %d)%n", mode.millis, audioSeconds,
                bestEncode / 1e9, audioSeconds / (bestEncode / 1e9), bestDecode / 1e9, audioSeconds / (bestDecode / 1e9),
                audioSeconds / ((bestEncode + bestDecode) / 1e9), passes, checksum);
    }
}

package dev.switchboard.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

/**
 * Our G.722 against ffmpeg's and spandsp's, byte for byte and sample for sample, on a few seconds of
 * each generated signal, processed in 20 ms frames as RTP carries them.
 *
 * <p>The one place the references disagree with each other: when the receive QMF's output exceeds
 * 16 bits, ffmpeg saturates it and spandsp 0.0.6 (Debian's) truncates it to 16 bits, so that a
 * clipped peak comes out as a full-scale sample of the opposite sign. We saturate, as ffmpeg does;
 * against spandsp the decoder must match everywhere else.
 */
class G722ConformanceTest {

    private static final int FRAME_SAMPLES = 320;
    private static final int FRAME_BYTES = FRAME_SAMPLES / 2;

    @TempDir
    static Path workDirectory;
    private static ReferenceCodecs references;

    @BeforeAll
    static void startReferences() throws Exception {
        references = new ReferenceCodecs(workDirectory);
    }

    @ParameterizedTest
    @EnumSource(TestSignals.class)
    void encoderMatchesFfmpeg(TestSignals signal) throws Exception {
        short[] pcm = signal.samples();
        assertArrayEquals(references.ffmpegEncode(pcm), encode(pcm), signal + ": G.722 bytes differ from ffmpeg's");
    }

    @ParameterizedTest
    @EnumSource(TestSignals.class)
    void encoderMatchesSpandsp(TestSignals signal) throws Exception {
        short[] pcm = signal.samples();
        assertArrayEquals(references.spandspEncode(pcm), encode(pcm), signal + ": G.722 bytes differ from spandsp's");
    }

    @ParameterizedTest
    @EnumSource(TestSignals.class)
    void decoderMatchesFfmpegOnFfmpegsStream(TestSignals signal) throws Exception {
        byte[] stream = references.ffmpegEncode(signal.samples());
        assertArrayEquals(references.ffmpegDecode(stream), decode(stream), signal + ": samples differ from ffmpeg's");
    }

    @ParameterizedTest
    @EnumSource(TestSignals.class)
    void decoderMatchesSpandspOnFfmpegsStream(TestSignals signal) throws Exception {
        byte[] stream = references.ffmpegEncode(signal.samples());
        assertMatchesSpandsp(references.spandspDecode(stream), decode(stream), signal.toString());
    }

    /** Random bytes reach every code, including the low-band codes 0-3 that no encoder emits. */
    @Test
    void decoderMatchesBothOnEveryCode() throws Exception {
        byte[] stream = new byte[TestSignals.RATE * TestSignals.SECONDS / 2];
        new Random(9).nextBytes(stream);
        short[] ours = decode(stream);
        assertArrayEquals(references.ffmpegDecode(stream), ours, "random codes: samples differ from ffmpeg's");
        assertMatchesSpandsp(references.spandspDecode(stream), ours, "random codes");
    }

    private static void assertMatchesSpandsp(short[] spandsp, short[] ours, String what) {
        assertEquals(spandsp.length, ours.length, what + ": sample count");
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != spandsp[i]) {
                boolean spandspWrapped = (ours[i] == Short.MAX_VALUE || ours[i] == Short.MIN_VALUE)
                        && (ours[i] < 0) != (spandsp[i] < 0);
                assertTrue(spandspWrapped, what + ": sample " + i + " is " + ours[i] + ", spandsp's " + spandsp[i]
                        + ", and that is not spandsp's wrap-around of a clipped sample");
            }
        }
    }

    private static byte[] encode(short[] pcm) {
        Encoder encoder = new G722Codec().newEncoder();
        byte[] out = new byte[pcm.length / 2];
        for (int i = 0; i < pcm.length; i += FRAME_SAMPLES) {
            encoder.encode(pcm, i, Math.min(FRAME_SAMPLES, pcm.length - i), out, i / 2);
        }
        return out;
    }

    private static short[] decode(byte[] stream) {
        Decoder decoder = new G722Codec().newDecoder();
        short[] pcm = new short[stream.length * 2];
        for (int i = 0; i < stream.length; i += FRAME_BYTES) {
            decoder.decode(stream, i, Math.min(FRAME_BYTES, stream.length - i), pcm, i * 2);
        }
        return pcm;
    }
}

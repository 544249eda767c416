package dev.switchboard.codec.ilbc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.switchboard.media.codec.CodecInfo;

class IlbcCodecTest {

    private static final short[] SPEECH = SpeechSignal.generate(3 * SpeechSignal.RATE);

    @Test
    void offersIlbcAt8000WithDynamicPayloadTypeAndMode30() {
        CodecInfo info = new IlbcCodec().info();
        assertEquals("iLBC/8000", info.rtpmap());
        assertEquals(CodecInfo.DYNAMIC, info.staticPayloadType());
        assertEquals("mode=30", info.fmtp());
        assertEquals(240, info.samplesPerFrame());
    }

    @Test
    void aPeersModeTwentyAsksForTwentyMillisecondFrames() {
        IlbcCodec codec = new IlbcCodec();
        assertEquals(20, codec.frameMillis("mode=20"));
        assertEquals(20, codec.frameMillis("foo=1; mode=20"));
        assertEquals(30, codec.frameMillis("mode=30"));
        assertEquals(30, codec.frameMillis(""));
    }

    @Test
    void tablesHaveTheRfcsSizes() {
        assertEquals(64 * 3 + 128 * 3 + 128 * 4, Tables.LSF_CODEBOOK.length);
        assertEquals(240, Tables.LPC_WINDOW.length);
        assertEquals(240, Tables.LPC_ASYMMETRIC_WINDOW.length);
        assertEquals(64, Tables.STATE_FRGQ.length);
    }

    @ParameterizedTest
    @EnumSource(IlbcMode.class)
    void bitAllocationFillsTheFrameExactly(IlbcMode mode) {
        FrameParameters parameters = new FrameParameters();
        // random parameters packed then unpacked must come back, which needs every field's width and order right
        Random random = new Random(mode.millis);
        fillRandomly(parameters, mode, random);
        byte[] frame = new byte[mode.bytes];
        parameters.pack(mode, frame, 0);
        FrameParameters read = new FrameParameters();
        read.unpack(mode, frame, 0);
        assertArrayEquals(parameters.lsfIndex, read.lsfIndex);
        assertArrayEquals(parameters.stateIndex, read.stateIndex);
        assertArrayEquals(parameters.codebookIndex, read.codebookIndex);
        assertArrayEquals(parameters.gainIndex, read.gainIndex);
        assertArrayEquals(parameters.startCodebookIndex, read.startCodebookIndex);
        assertArrayEquals(parameters.startGainIndex, read.startGainIndex);
        assertEquals(parameters.start[0], read.start[0]);
        assertEquals(parameters.scaleIndex[0], read.scaleIndex[0]);
        assertEquals(0, frame[mode.bytes - 1] & 1, "the last bit (empty-frame flag) must be 0");
    }

    private static void fillRandomly(FrameParameters parameters, IlbcMode mode, Random random) {
        for (int k = 0; k < 3 * mode.lsfVectors; k++) {
            parameters.lsfIndex[k] = random.nextInt(1 << mode.lsfBits[k][0]);
        }
        parameters.start[0] = 1 + random.nextInt(mode.maximumStart());
        parameters.stateFirst[0] = 1;
        parameters.scaleIndex[0] = 63;
        for (int k = 0; k < mode.stateShortLength; k++) {
            parameters.stateIndex[k] = random.nextInt(8);
        }
        for (int k = 0; k < 3; k++) {
            parameters.startCodebookIndex[k] = random.nextInt(100);
            parameters.startGainIndex[k] = random.nextInt(8);
        }
        for (int i = 0; i < mode.codedSubBlocks * 3; i++) {
            parameters.codebookIndex[i] = random.nextInt(i < 3 && i > 0 ? 128 : 256);
            parameters.gainIndex[i] = random.nextInt(8);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 37, 39, 49, 51, 76 + 1, 100 - 1})
    void rejectsPayloadsThatAreNotWholeFrames(int length) {
        IlbcDecoder decoder = new IlbcDecoder(30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(new byte[length + 4], 2, length, new short[2000], 0));
        assertTrue(e.getMessage().contains("38 bytes"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 80, 159, 161, 239, 241})
    void rejectsSampleCountsThatAreNotWholeFrames(int samples) {
        IlbcEncoder encoder = new IlbcEncoder();
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new short[400], 0, samples, new byte[200], 0));
    }

    @Test
    void frameSizeSelectsTheModeAndSeveralFramesShareAPayload() {
        IlbcEncoder encoder = new IlbcEncoder();
        byte[] out = new byte[200];
        assertEquals(50, encoder.encode(SPEECH, 0, 240, out, 0));
        assertEquals(38, encoder.encode(SPEECH, 240, 160, out, 0));
        assertEquals(76, encoder.encode(SPEECH, 400, 320, out, 0));
        IlbcDecoder decoder = new IlbcDecoder(30);
        short[] pcm = new short[480];
        assertEquals(320, decoder.decode(out, 0, 76, pcm, 0));
    }

    @ParameterizedTest
    @EnumSource(IlbcMode.class)
    void encodeDecodeKeepsSpeechAtTheCodecsQuality(IlbcMode mode) {
        short[] decoded = roundTrip(mode, SPEECH, -1);
        double snr = Measures.snr(Measures.highPassedTwice(SPEECH), decoded, 0, decoded.length);
        assertTrue(snr > 10, mode + ": " + snr + " dB");
    }

    /** A frame that flags itself empty (last bit 1) or has an impossible start position is concealed, not decoded. */
    @ParameterizedTest
    @EnumSource(IlbcMode.class)
    void corruptFramesAreConcealed(IlbcMode mode) {
        byte[] frames = encode(mode, SPEECH);
        int lost = 40;
        byte[] emptyFlagged = frames.clone();
        emptyFlagged[lost * mode.bytes + mode.bytes - 1] |= 1;
        byte[] badStart = frames.clone();
        // the start position is the first field after the LSF indices (20 or 40 bits in): make it 0
        int startBit = mode.lsfVectors * 20;
        for (int b = startBit; b < startBit + mode.startBits[0]; b++) {
            badStart[lost * mode.bytes + b / 8] &= (byte) ~(0x80 >> (b % 8));
        }
        short[] concealed = roundTrip(mode, SPEECH, lost);
        assertArrayEquals(concealed, decode(mode, emptyFlagged));
        assertArrayEquals(concealed, decode(mode, badStart));
    }

    @Test
    void concealmentShorterThanAFrameIsLeftToTheEngine() {
        assertEquals(0, new IlbcDecoder(30).conceal(new short[240], 0, 160));
        assertEquals(480, new IlbcDecoder(30).conceal(new short[480], 0, 480));
    }

    @ParameterizedTest
    @EnumSource(IlbcMode.class)
    void randomBytesDecodeWithoutFailing(IlbcMode mode) {
        byte[] frames = new byte[mode.bytes * 200];
        new Random(3952).nextBytes(frames);
        short[] pcm = decode(mode, frames);
        assertEquals(200 * mode.blockLength, pcm.length);
    }

    /**
     * iLBC's own concealment on a lost frame in voiced speech: the gap is filled at a level like its
     * neighbours' (not silence, not a burst), and since every iLBC frame stands on its own the decoder
     * is back on the clean decoding within a few frames.
     */
    @ParameterizedTest
    @EnumSource(IlbcMode.class)
    void lostFrameIsConcealedAndTheDecoderRecovers(IlbcMode mode) {
        short[] clean = roundTrip(mode, SPEECH, -1);
        int lost = loudestFrame(clean, mode);
        short[] concealed = roundTrip(mode, SPEECH, lost);
        int from = lost * mode.blockLength;
        int to = from + mode.blockLength;
        double before = Measures.energy(clean, from - mode.blockLength, from);
        double gap = Measures.energy(concealed, from, to);
        assertTrue(gap > before / 30 && gap < before * 3,
                "concealed frame energy " + gap + " against " + before + " in the frame before");
        assertArrayEquals(Arrays.copyOfRange(clean, 0, from), Arrays.copyOfRange(concealed, 0, from));
        int recovered = to + 3 * mode.blockLength;
        double snr = Measures.snr(clean, concealed, recovered, recovered + 5 * mode.blockLength);
        assertTrue(snr > 25, "three frames after the loss the output is only " + snr + " dB from the clean decoding");
    }

    private static int loudestFrame(short[] pcm, IlbcMode mode) {
        int best = 10;
        double bestEnergy = 0;
        for (int f = 10; f < pcm.length / mode.blockLength - 10; f++) {
            double energy = Math.min(Measures.energy(pcm, (f - 1) * mode.blockLength, f * mode.blockLength),
                    Measures.energy(pcm, f * mode.blockLength, (f + 1) * mode.blockLength));
            if (energy > bestEnergy) {
                bestEnergy = energy;
                best = f;
            }
        }
        return best;
    }

    private static byte[] encode(IlbcMode mode, short[] pcm) {
        IlbcEncoder encoder = new IlbcEncoder();
        int frames = pcm.length / mode.blockLength;
        byte[] stream = new byte[frames * mode.bytes];
        for (int f = 0; f < frames; f++) {
            encoder.encode(pcm, f * mode.blockLength, mode.blockLength, stream, f * mode.bytes);
        }
        return stream;
    }

    private static short[] decode(IlbcMode mode, byte[] stream) {
        return decode(mode, stream, -1);
    }

    private static short[] decode(IlbcMode mode, byte[] stream, int lostFrame) {
        IlbcDecoder decoder = new IlbcDecoder(mode.millis);
        int frames = stream.length / mode.bytes;
        short[] pcm = new short[frames * mode.blockLength];
        for (int f = 0; f < frames; f++) {
            if (f == lostFrame) {
                assertEquals(mode.blockLength, decoder.conceal(pcm, f * mode.blockLength, mode.blockLength));
            } else {
                assertEquals(mode.blockLength, decoder.decode(stream, f * mode.bytes, mode.bytes, pcm, f * mode.blockLength));
            }
        }
        return pcm;
    }

    private static short[] roundTrip(IlbcMode mode, short[] pcm, int lostFrame) {
        return decode(mode, encode(mode, pcm), lostFrame);
    }
}

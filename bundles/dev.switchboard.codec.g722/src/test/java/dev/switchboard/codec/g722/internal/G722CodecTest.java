package dev.switchboard.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;

class G722CodecTest {

    /** Delay of the transmit and receive QMF together, in 16 kHz samples. */
    private static final int QMF_DELAY = 22;

    private final G722Codec codec = new G722Codec();

    @Test
    void describesRfc3551PayloadType9WithItsEightKilohertzRtpClock() {
        CodecInfo info = codec.info();
        assertEquals("G722/8000", info.rtpmap());
        assertEquals(9, info.staticPayloadType());
        assertEquals(16000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(320, info.samplesPerFrame());
        assertTrue(info.matches("g722", 8000));
    }

    @Test
    void twentyMillisecondsAre160BytesAndBack() {
        byte[] payload = new byte[160];
        assertEquals(160, codec.newEncoder().encode(new short[320], 0, 320, payload, 0));
        assertEquals(320, codec.newDecoder().decode(payload, 0, 160, new short[320], 0));
    }

    @Test
    void encoderRefusesAnOddNumberOfSamples() {
        assertThrows(IllegalArgumentException.class, () -> codec.newEncoder().encode(new short[3], 0, 3, new byte[2], 0));
    }

    @Test
    void writesAtTheGivenOffsetsOnly() {
        short[] pcm = TestSignals.CHIRP.samples();
        byte[] out = new byte[164];
        codec.newEncoder().encode(pcm, 0, 320, out, 2);
        byte[] expected = new byte[160];
        codec.newEncoder().encode(pcm, 0, 320, expected, 0);
        assertEquals(0, out[0]);
        assertEquals(0, out[1]);
        assertEquals(0, out[162]);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 2, 162));
    }

    /** The stream must not depend on how the caller cuts it into packets. */
    @Test
    void frameSizeDoesNotChangeTheStream() {
        short[] pcm = TestSignals.SPEECH_LIKE.samples();
        byte[] whole = encode(codec.newEncoder(), pcm, pcm.length);
        assertArrayEquals(whole, encode(codec.newEncoder(), pcm, 320));
        assertArrayEquals(whole, encode(codec.newEncoder(), pcm, 2));
        short[] decoded = decode(codec.newDecoder(), whole, whole.length);
        assertArrayEquals(decoded, decode(codec.newDecoder(), whole, 160));
        assertArrayEquals(decoded, decode(codec.newDecoder(), whole, 1));
    }

    @Test
    void resetStartsAFreshStream() {
        short[] pcm = TestSignals.WHITE_NOISE.samples();
        Encoder encoder = codec.newEncoder();
        byte[] first = encode(encoder, pcm, 320);
        encoder.reset();
        assertArrayEquals(first, encode(encoder, pcm, 320));
        Decoder decoder = codec.newDecoder();
        short[] decoded = decode(decoder, first, 160);
        decoder.reset();
        assertArrayEquals(decoded, decode(decoder, first, 160));
    }

    /** Checksums of ffmpeg 5.1's output for the same input, so that a regression shows without ffmpeg. */
    @Test
    void chirpGivesFfmpegsBytesAndSamples() {
        byte[] stream = encode(codec.newEncoder(), TestSignals.CHIRP.samples(), 320);
        assertEquals(0x20f506a1L, crc(stream));
        assertEquals(0x190eb7edL, crc(ReferenceCodecs.toBytes(decode(codec.newDecoder(), stream, 160))));
    }

    @Test
    void roundTripKeepsSineWavesInBothBands() {
        assertTrue(roundTripSnrDb(1000) > 40, "1 kHz");
        assertTrue(roundTripSnrDb(6000) > 20, "6 kHz (high band, two bits a sample)");
    }

    @Test
    void leavesConcealmentToTheEngine() {
        assertEquals(0, codec.newDecoder().conceal(new short[320], 0, 320));
    }

    private double roundTripSnrDb(double hz) {
        short[] pcm = new short[16000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / 16000));
        }
        short[] decoded = decode(codec.newDecoder(), encode(codec.newEncoder(), pcm, 320), 160);
        double signal = 0;
        double noise = 0;
        // Skip the first 100 ms while the step sizes adapt.
        for (int i = 1600; i < pcm.length - QMF_DELAY; i++) {
            double error = decoded[i + QMF_DELAY] - pcm[i];
            signal += (double) pcm[i] * pcm[i];
            noise += error * error;
        }
        return 10 * Math.log10(signal / noise);
    }

    private static byte[] encode(Encoder encoder, short[] pcm, int frameSamples) {
        byte[] out = new byte[pcm.length / 2];
        for (int i = 0; i < pcm.length; i += frameSamples) {
            encoder.encode(pcm, i, Math.min(frameSamples, pcm.length - i), out, i / 2);
        }
        return out;
    }

    private static short[] decode(Decoder decoder, byte[] stream, int frameBytes) {
        short[] pcm = new short[stream.length * 2];
        for (int i = 0; i < stream.length; i += frameBytes) {
            decoder.decode(stream, i, Math.min(frameBytes, stream.length - i), pcm, i * 2);
        }
        return pcm;
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}

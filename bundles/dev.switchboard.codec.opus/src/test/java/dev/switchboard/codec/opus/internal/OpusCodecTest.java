package dev.switchboard.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.switchboard.media.codec.CodecInfo;

/** Our Opus plug-in on each back end: round trips, the two implementations against each other, FEC, DTX, bad input. */
class OpusCodecTest {

    private static final int RATE = 48_000;
    private static final int FRAME = 960;
    private static final short[] SPEECH = Signals.speechLike(RATE, 2);
    /** Encoder lookahead (312 samples at 48 kHz) plus margin: the lags the SNR searches. */
    private static final int MAX_DELAY = 400;

    @Test
    void offersOpusAsRfc7587Says() {
        CodecInfo info = new OpusCodec(Backends.CONCENTUS.create()).info();
        assertEquals("opus/48000/2", info.rtpmap());
        assertEquals(CodecInfo.DYNAMIC, info.staticPayloadType());
        assertEquals("useinbandfec=1", info.fmtp());
    }

    /**
     * Opus codes what the ear hears, not the waveform (its fricatives come back as shaped noise), so
     * the waveform SNR of a good round trip is about 8-10 dB, and about 0 dB or less when broken.
     */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void roundTripKeepsSpeech(Backends which) {
        OpusBackend backend = which.create();
        short[] decoded = decode(backend.newDecoder(1), encode(backend.newEncoder(RATE, 1, OpusEncoderSettings.VOICE), SPEECH, 1), 1);
        double snr = Signals.snr(SPEECH, decoded, MAX_DELAY);
        assertTrue(snr > 7, which + ": speech round trip at 32 kbit/s has " + snr + " dB SNR");
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void stereoRoundTripKeepsBothChannels(Backends which) {
        OpusBackend backend = which.create();
        short[] stereo = Signals.stereo(SPEECH, 48);
        OpusEncoderSettings settings = new OpusEncoderSettings(2, 96_000, false, 0, false, 10);
        short[] decoded = decode(backend.newDecoder(2), encode(backend.newEncoder(RATE, 2, settings), stereo, 2), 2);
        short[] left = Signals.channel(decoded, 2, 0);
        short[] right = Signals.channel(decoded, 2, 1);
        int lag = Signals.bestLag(SPEECH, left, MAX_DELAY);
        assertTrue(Signals.snrAt(SPEECH, left, lag, 0, SPEECH.length) > 7, which + ": left channel");
        // the right channel comes back 1 ms later than the left one: it was really coded as stereo
        double delayed = Signals.snrAt(SPEECH, right, lag + 48, 0, SPEECH.length);
        double undelayed = Signals.snrAt(SPEECH, right, lag, 0, SPEECH.length);
        assertTrue(delayed > 7 && delayed > undelayed + 3, which + ": right channel " + delayed + " dB 1 ms later, "
                + undelayed + " dB in step with the left");
    }

    /** The two implementations speak the same bitstream, each way. */
    @Test
    void libopusAndConcentusDecodeEachOther() {
        OpusBackend libopus = Backends.LIBOPUS.create();
        OpusBackend concentus = Backends.CONCENTUS.create();
        byte[][] fromLibopus = encode(libopus.newEncoder(RATE, 1, OpusEncoderSettings.VOICE), SPEECH, 1);
        byte[][] fromConcentus = encode(concentus.newEncoder(RATE, 1, OpusEncoderSettings.VOICE), SPEECH, 1);
        short[] reference = decode(libopus.newDecoder(1), fromLibopus, 1);
        double sameStream = Signals.snr(reference, decode(concentus.newDecoder(1), fromLibopus, 1), 0);
        assertTrue(sameStream > 20, "Concentus (a port of libopus 1.1) decodes libopus 1.3's stream nearly as libopus does: " + sameStream + " dB");
        double other = Signals.snr(SPEECH, decode(libopus.newDecoder(1), fromConcentus, 1), MAX_DELAY);
        assertTrue(other > 7, "libopus decodes Concentus's stream: " + other + " dB");
    }

    /** The engine's PCM for Opus is stereo (rtpmap opus/48000/2); mono is coded unless asked. */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void engineCodecTakesStereoAndCodesMono(Backends which) {
        OpusCodec codec = new OpusCodec(which.create());
        short[] stereo = Signals.stereo(SPEECH, 0);
        byte[] packet = new byte[4000];
        int bytes = codec.newEncoder().encode(stereo, 0, FRAME * 2, packet, 0);
        assertEquals(0, packet[0] & 0x04, which + ": TOC stereo flag (RFC 6716 section 3.1) of a default packet");
        short[] pcm = new short[OpusStreamDecoder.MAX_FRAME_SAMPLES * 2];
        assertEquals(FRAME * 2, codec.newDecoder().decode(packet, 0, bytes, pcm, 0), which + ": samples decoded");
    }

    /**
     * A lost packet rebuilt from the FEC in the next one comes much closer to what was sent than the
     * decoder's concealment does.
     */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void inbandFecRecoversALostPacket(Backends which) {
        OpusBackend backend = which.create();
        OpusEncoderSettings settings = new OpusEncoderSettings(1, 32_000, true, 20, false, 10);
        byte[][] packets = encode(backend.newEncoder(RATE, 1, settings), SPEECH, 1);
        short[] clean = decode(backend.newDecoder(1), packets, 1);
        int lost = 28; // 560-580 ms: the middle of the third voiced syllable
        short[] recovered = decodeLosing(backend.newDecoder(1), packets, lost, true);
        short[] concealed = decodeLosing(backend.newDecoder(1), packets, lost, false);
        double withFec = Signals.snrAt(clean, recovered, 0, lost * FRAME, (lost + 1) * FRAME);
        double withPlc = Signals.snrAt(clean, concealed, 0, lost * FRAME, (lost + 1) * FRAME);
        assertTrue(withFec > withPlc + 3 && withFec > 3, which + ": the lost frame comes back at " + withFec
                + " dB with FEC, " + withPlc + " dB with concealment alone");
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void dtxSendsAlmostNothingInSilence(Backends which) {
        OpusBackend backend = which.create();
        short[] silenceThenSpeech = new short[RATE + SPEECH.length];
        System.arraycopy(SPEECH, 0, silenceThenSpeech, RATE, SPEECH.length);
        byte[][] packets = encode(backend.newEncoder(RATE, 1, OpusEncoderSettings.VOICE.withDtx(true)), silenceThenSpeech, 1);
        long silentPackets = Arrays.stream(packets, 10, 50).filter(packet -> packet.length <= 2).count();
        assertTrue(silentPackets >= 30, which + ": only " + silentPackets + " of 40 silent frames were DTX packets");
        long speechPackets = Arrays.stream(packets, 55, packets.length).filter(packet -> packet.length > 2).count();
        assertTrue(speechPackets > (packets.length - 55) / 2, which + ": speech after silence is coded again");
        // the decoder takes DTX packets and fills their time
        short[] decoded = decode(backend.newDecoder(1), packets, 1);
        assertEquals(packets.length * FRAME, decoded.length, which + ": decoded samples");
    }

    /** Configured for DTX, the engine's encoder gives 0 bytes (nothing to send) in silence and says so in its fmtp. */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void engineEncoderWithDtxSendsNothingInSilence(Backends which) {
        OpusCodec codec = new OpusCodec(which.create(), true);
        assertEquals("useinbandfec=1;usedtx=1", codec.info().fmtp());
        short[] stereo = Signals.stereo(SPEECH, 0);
        var encoder = codec.newEncoder();
        byte[] packet = new byte[4000];
        short[] silence = new short[FRAME * 2];
        int nothing = 0;
        for (int i = 0; i < 50; i++) {
            nothing += encoder.encode(silence, 0, silence.length, packet, 0) == 0 ? 1 : 0;
        }
        assertTrue(nothing >= 30, which + ": " + nothing + " of 50 silent frames were not to be sent");
        int sent = 0;
        for (int i = 0; i + FRAME * 2 <= stereo.length && i < 50 * FRAME * 2; i += FRAME * 2) {
            sent += encoder.encode(stereo, i, FRAME * 2, packet, 0) > 0 ? 1 : 0;
        }
        assertTrue(sent > 25, which + ": speech after the pause is sent again (" + sent + " of 50 frames)");
        assertEquals("useinbandfec=1", new OpusCodec(which.create()).info().fmtp());
    }

    /** Not configured for DTX, the encoder follows a peer that asks for it with usedtx=1, and only such a peer. */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void theEncoderFollowsThePeersUsedtx(Backends which) {
        OpusCodec codec = new OpusCodec(which.create());
        byte[] packet = new byte[4000];
        short[] silence = new short[FRAME * 2];
        for (String fmtp : new String[] { "useinbandfec=1; usedtx=1", "usedtx=0", "" }) {
            var encoder = codec.newEncoder(fmtp);
            int nothing = 0;
            for (int i = 0; i < 50; i++) {
                nothing += encoder.encode(silence, 0, silence.length, packet, 0) == 0 ? 1 : 0;
            }
            if (fmtp.contains("usedtx=1")) {
                assertTrue(nothing >= 30, which + " " + fmtp + ": " + nothing + " of 50 silent frames not sent");
            } else {
                assertEquals(0, nothing, which + " " + fmtp + ": every frame is sent");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void concealmentFillsTheFrameAskedFor(Backends which) {
        OpusBackend backend = which.create();
        byte[][] packets = encode(backend.newEncoder(RATE, 1, OpusEncoderSettings.VOICE), SPEECH, 1);
        OpusStreamDecoder decoder = backend.newDecoder(1);
        short[] pcm = new short[OpusStreamDecoder.MAX_FRAME_SAMPLES];
        for (int i = 0; i < 10; i++) {
            decoder.decode(packets[i], 0, packets[i].length, pcm, 0);
        }
        assertEquals(FRAME, decoder.conceal(pcm, 0, FRAME), which + ": concealed samples");
        assertTrue(Arrays.stream(toInts(pcm, FRAME)).anyMatch(sample -> Math.abs(sample) > 100), which + ": concealment continues the voice, not silence");
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void badInputIsRefusedClearly(Backends which) {
        OpusBackend backend = which.create();
        short[] pcm = new short[OpusStreamDecoder.MAX_FRAME_SAMPLES];
        // code 3 (RFC 6716 section 3.2.5) with a frame count of 0: malformed
        byte[] malformed = { (byte) 0x03, 0x00 };
        assertThrows(IllegalArgumentException.class, () -> backend.newDecoder(1).decode(malformed, 0, 2, pcm, 0));
        assertThrows(IllegalArgumentException.class, () -> backend.newDecoder(1).decode(malformed, 0, 0, pcm, 0));
        assertThrows(IllegalArgumentException.class,
                () -> backend.newEncoder(RATE, 1, OpusEncoderSettings.VOICE).encode(SPEECH, 0, 1000, new byte[4000], 0));
    }

    @Test
    void concentusCanBeForcedAndStandsInForAMissingLibopus() {
        assertInstanceOf(ConcentusBackend.class, OpusBackends.choose("concentus", LibOpus.DEFAULT_LIBRARY).backend());
        OpusBackends.Choice fallback = OpusBackends.choose("auto", "libopus-that-is-not-there.so.0");
        assertInstanceOf(ConcentusBackend.class, fallback.backend());
        assertTrue(fallback.explanation().contains("libopus-that-is-not-there.so.0"), fallback.explanation());
        assertInstanceOf(LibOpus.class, OpusBackends.choose("auto", LibOpus.DEFAULT_LIBRARY).backend());
        assertThrows(IllegalStateException.class, () -> OpusBackends.choose("libopus", "libopus-that-is-not-there.so.0"));
        assertThrows(IllegalArgumentException.class, () -> OpusBackends.choose("speex", LibOpus.DEFAULT_LIBRARY));
    }

    @Test
    void componentChoosesItsBackendOnTheFirstStreamAndRejectsAWrongPropertyAtActivation() {
        OpusCodec.Config noDtx = new OpusCodec.Config() {
            @Override
            public boolean dtx() {
                return false;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return OpusCodec.Config.class;
            }
        };
        OpusCodec codec = new OpusCodec(noDtx);
        byte[] packet = new byte[4000];
        assertTrue(codec.newEncoder().encode(new short[2 * FRAME], 0, 2 * FRAME, packet, 0) > 0);
        assertSame(codec.backend(), codec.backend());
        System.setProperty(OpusBackends.BACKEND_PROPERTY, "speex");
        try {
            assertThrows(IllegalArgumentException.class, () -> new OpusCodec(noDtx));
        } finally {
            System.clearProperty(OpusBackends.BACKEND_PROPERTY);
        }
    }

    static byte[][] encode(OpusStreamEncoder encoder, short[] pcm, int channels) {
        int frame = FRAME * channels;
        byte[][] packets = new byte[pcm.length / frame][];
        byte[] out = new byte[4000];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = Arrays.copyOf(out, encoder.encode(pcm, i * frame, frame, out, 0));
        }
        return packets;
    }

    static short[] decode(OpusStreamDecoder decoder, byte[][] packets, int channels) {
        short[] pcm = new short[packets.length * FRAME * channels + OpusStreamDecoder.MAX_FRAME_SAMPLES * channels];
        int length = 0;
        for (byte[] packet : packets) {
            length += decoder.decode(packet, 0, packet.length, pcm, length);
        }
        return Arrays.copyOf(pcm, length);
    }

    private static short[] decodeLosing(OpusStreamDecoder decoder, byte[][] packets, int lost, boolean useFec) {
        short[] pcm = new short[packets.length * FRAME + OpusStreamDecoder.MAX_FRAME_SAMPLES];
        int length = 0;
        for (int i = 0; i < packets.length; i++) {
            if (i == lost) {
                byte[] next = packets[i + 1];
                length += useFec ? decoder.recover(next, 0, next.length, pcm, length, FRAME) : decoder.conceal(pcm, length, FRAME);
            } else {
                length += decoder.decode(packets[i], 0, packets[i].length, pcm, length);
            }
        }
        return Arrays.copyOf(pcm, length);
    }

    private static int[] toInts(short[] pcm, int length) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = pcm[i];
        }
        return values;
    }
}

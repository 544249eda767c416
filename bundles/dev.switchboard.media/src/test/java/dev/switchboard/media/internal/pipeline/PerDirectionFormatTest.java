package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.internal.rtp.DefaultRtpSessionFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;

/**
 * What H.245 lets each direction choose on its own: the payload type the peer sends a codec with
 * (real RTP sessions on loopback), and a frame length the peer's parameters ask for (iLBC's mode=20).
 */
class PerDirectionFormatTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final MediaSessionListener QUIET = new MediaSessionListener() {
    };

    private final FakeDevices devices = new FakeDevices();

    private RtpCallSession session(String name, String microphone) throws Exception {
        return new RtpCallSession(devices, new DefaultJitterBufferFactory(), new DefaultRtpSessionFactory(), TonePlan.CEPT,
                MediaSessionOptions.of(InetAddress.getLoopbackAddress(), name + "@127.0.0.1",
                        new AudioEndpoints(microphone, "out:" + name)), QUIET);
    }

    /**
     * The amplitude of {@code hz} over the last 0.2 s of what {@code name} played, once it played 1.5 s
     * (the jitter buffer's start and its first playout delay are over by then).
     */
    private double heard(String name, int hz) throws InterruptedException {
        short[] played = devices.awaitPlayed(name, 12000, TIMEOUT);
        return Goertzel.amplitude(played, played.length - 1600, played.length, hz, 8000);
    }

    @Test
    void eachSideHearsThePeerOnThePayloadTypeThePeerSends() throws Exception {
        LinearCodec codec = new LinearCodec(8000);
        try (RtpCallSession alice = session("alice", "tone:1000"); RtpCallSession bob = session("bob", "tone:600")) {
            alice.remote(bob.localRtpAddress(), bob.localRtcpAddress());
            bob.remote(alice.localRtpAddress(), alice.localRtcpAddress());
            alice.format(new MediaFormat(codec, 97, 20, -1).withReceivePayloadType(98));
            bob.format(new MediaFormat(codec, 98, 20, -1).withReceivePayloadType(97));
            assertEquals(FakeDevices.TONE_AMPLITUDE, heard("bob", 1000), FakeDevices.TONE_AMPLITUDE * 0.1, "alice's tone at bob");
            assertEquals(FakeDevices.TONE_AMPLITUDE, heard("alice", 600), FakeDevices.TONE_AMPLITUDE * 0.1, "bob's tone at alice");
        }
    }

    @Test
    void packetsOnAnotherPayloadTypeThanTheReceiveOneAreNotPlayed() throws Exception {
        LinearCodec codec = new LinearCodec(8000);
        try (RtpCallSession carol = session("carol", "tone:1000"); RtpCallSession dave = session("dave", "silence:")) {
            carol.remote(dave.localRtpAddress(), dave.localRtcpAddress());
            dave.remote(carol.localRtpAddress(), carol.localRtcpAddress());
            carol.format(new MediaFormat(codec, 98, 20, -1));
            dave.format(new MediaFormat(codec, 97, 20, -1)); // receives on 97 as well: carol's 98 is not his
            assertEquals(0, heard("dave", 1000), 1, "nothing of carol's tone at dave");
            assertTrue(dave.quality().packetsReceived() > 0, "carol's packets reached dave's session");
        }
    }

    /** A codec with 30 ms frames by default and 20 ms ones for a peer that asks with mode=20, as iLBC. */
    private static final class TwoModeCodec implements AudioCodec {
        final List<Integer> encodedSamples = new ArrayList<>();

        @Override
        public CodecInfo info() {
            return new CodecInfo("X-TWO-MODE", 8000, 8000, 1, CodecInfo.DYNAMIC, 30, "");
        }

        @Override
        public int frameMillis(String peerFmtp) {
            return peerFmtp.equals("mode=20") ? 20 : 30;
        }

        @Override
        public Encoder newEncoder() {
            return new Encoder() {
                @Override
                public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
                    encodedSamples.add(samples);
                    return 1;
                }

                @Override
                public void reset() {
                }
            };
        }

        @Override
        public Decoder newDecoder() {
            return new LinearCodec(8000).newDecoder();
        }
    }

    @Test
    void framesFollowThePeersModeWhenThePacketHoldsWholeOnes() {
        TwoModeCodec codec = new TwoModeCodec();
        MediaFormat twenty = new MediaFormat(codec, 97, 40, -1, -1, "mode=20");
        assertEquals(20, twenty.frameMillis());
        assertEquals(30, new MediaFormat(codec, 97, 30, -1, -1, "mode=20").frameMillis(), "30 ms packets keep 30 ms frames");
        assertEquals(30, new MediaFormat(codec, 97, 30, -1).frameMillis());
        assertThrows(IllegalArgumentException.class, () -> new MediaFormat(codec, 97, 20, -1), "20 ms without mode=20");
        assertThrows(IllegalArgumentException.class, () -> twenty.withReceivePayloadType(128));

        ActiveFormat active = new ActiveFormat(twenty, codec.newEncoder(), null, 8000);
        assertEquals(2, active.encode(new short[320]), "two frames of one byte");
        assertEquals(List.of(160, 160), codec.encodedSamples);
        assertEquals(320, active.clockTicks);
    }
}

package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.rtp.RtpQuality;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.rtp.RtpSessionListener;
import dev.switchboard.media.rtp.RtpSessionOptions;
import dev.switchboard.testing.peers.Sipp;

/**
 * SIPp ({@code rtp_stream}, its own RTP sender) streams a µ-law file to an RTP session opened through the
 * OSGi service; every packet must arrive intact, in order, with the timing SIPp gave it.
 */
class SippRtpStreamIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int FRAME = 160;
    private static final int FRAMES = 100;

    @TempDir
    Path directory;

    @Test
    void receivesSippsStreamIntactAndLatchesOntoItsAddress() throws Exception {
        byte[] audio = new byte[FRAME * FRAMES];
        for (int i = 0; i < audio.length; i++) {
            // any byte is a µ-law sample; a pattern that differs from frame to frame shows misplaced payloads
            audio[i] = (byte) (i * 31 + i / FRAME);
        }
        Path audioFile = Files.write(directory.resolve("stream.ulaw"), audio);
        Path scenario = Files.writeString(directory.resolve("rtp-stream.xml"), scenario(audioFile),
                StandardCharsets.ISO_8859_1);

        BlockingQueue<byte[]> packets = new LinkedBlockingQueue<>();
        RtpSessionListener listener = packet -> packets.add(copy(packet));
        try (RtpSession session = MediaServices.service(RtpSessionFactory.class).open(RtpSessionOptions.of(LOOPBACK, 8000, "it@127.0.0.1"), listener);
                MinimalSipAnswerer answerer = new MinimalSipAnswerer(LOOPBACK, session.localRtpAddress().getPort());
                Sipp sipp = Sipp.builder()
                        .scenario(scenario).remote("127.0.0.1", answerer.port()).service("rtp")
                        .timeout(Duration.ofSeconds(20)).start()) {
            List<RtpPacket> received = new ArrayList<>();
            List<byte[]> raw = new ArrayList<>();
            // SIPp sends FRAMES packets; the first only validates the new source (RFC 3550 A.1)
            for (int i = 0; i < FRAMES - 1; i++) {
                byte[] datagram = packets.poll(15, TimeUnit.SECONDS);
                assertNotNull(datagram, "packet " + i + " of " + (FRAMES - 1) + " from SIPp did not arrive; SIPp log: "
                        + sipp.logFile() + ", SIP requests seen: " + answerer.requests());
                RtpPacket packet = new RtpPacket();
                packet.parse(datagram, 0, datagram.length);
                received.add(packet);
                raw.add(datagram);
            }
            RtpPacket first = received.get(0);
            for (int i = 0; i < received.size(); i++) {
                RtpPacket packet = received.get(i);
                int frame = i + 1;
                assertEquals(0, packet.payloadType());
                assertEquals(first.ssrc(), packet.ssrc());
                assertEquals((first.sequenceNumber() + i) & 0xffff, packet.sequenceNumber());
                assertEquals((first.timestamp() + (long) i * FRAME) & 0xffff_ffffL, packet.timestamp());
                assertEquals(FRAME, packet.payloadLength());
                assertArrayEquals(Arrays.copyOfRange(audio, frame * FRAME, (frame + 1) * FRAME),
                        Arrays.copyOfRange(raw.get(i), packet.payloadOffset(), packet.payloadOffset() + FRAME),
                        "payload of frame " + frame);
            }
            RtpQuality quality = session.quality();
            System.out.printf("SIPp stream: %d packets, %d payload bytes, lost %d, jitter %.3f ms, latched to %s%n",
                    quality.packetsReceived(), quality.payloadOctetsReceived(), quality.cumulativeLost(),
                    quality.jitterMillis(), quality.remoteRtp().orElse(null));
            assertEquals(FRAMES - 1, quality.packetsReceived());
            assertEquals(0, quality.cumulativeLost());
            assertTrue(quality.malformedRtp().isEmpty(), "malformed: " + quality.malformedRtp());
            assertTrue(quality.jitterMillis() < 20, "jitter " + quality.jitterMillis() + " ms on loopback");
            assertTrue(quality.remoteRtp().isPresent(), "the session latched onto SIPp's RTP address");
            session.send(0, audio, 0, FRAME, FRAME, true);
            assertEquals(1, session.quality().packetsSent());

            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(10));
            assertTrue(result.succeeded(), "SIPp exit code " + result.exitCode() + "\n" + result.messages());
        }
    }

    private static byte[] copy(RtpPacket packet) {
        // the listener's packet is reused: keep a copy of the whole datagram and parse it again later
        byte[] datagram = new byte[packet.payloadOffset() + packet.payloadLength()];
        System.arraycopy(packet.payloadArray(), 0, datagram, 0, datagram.length);
        return datagram;
    }

    /** A UAC that calls, streams the file with SIPp's own RTP sender, and hangs up. */
    private static String scenario(Path audioFile) {
        long streamMillis = FRAMES * 20L;
        return SippCallScenario.call("stream a file over RTP", """
                m=audio [auto_media_port] RTP/AVP 0
                a=rtpmap:0 PCMU/8000
                """, """
                  <nop><action><exec rtp_stream="%s,1,0"/></action></nop>
                  <pause milliseconds="%d"/>
                """.formatted(audioFile, streamMillis + 1000));
    }
}

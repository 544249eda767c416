package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.internal.dtmf.TelephoneEventReceiver;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.rtp.RtpSessionListener;
import dev.switchboard.media.rtp.RtpSessionOptions;
import dev.switchboard.testing.peers.Sipp;

/**
 * SIPp replays its own RFC 2833 DTMF captures ({@code play_pcap_audio}, files from the sip-tester
 * package) to an RTP session; the telephone-event receiver must turn them into exactly the keys
 * played. The captures share one SSRC, so between files the session sees the sequence number jump
 * and drops a packet while it confirms the jump: the receiver then finds a key without its marked
 * first packet, as on a lossy network. Their timestamps are unrelated too: the last file's lie
 * 75008 units before the previous one's, a clock jump the receiver must not take for a late packet.
 */
class SippDtmfIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path CAPTURES = Path.of("/usr/share/sip-tester");
    /** In an order whose sequence numbers (0x1f30 ... 0x2f30) only rise. */
    private static final String[] FILES = { "1", "5", "9", "star", "pound", "0" };
    private static final String KEYS = "159*#0";
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path directory;

    @Test
    void decodesTheKeysSippPlays() throws Exception {
        Path scenario = Files.writeString(directory.resolve("dtmf.xml"), scenario(), StandardCharsets.ISO_8859_1);
        TelephoneEventReceiver receiver = new TelephoneEventReceiver();
        BlockingQueue<DtmfDigit> digits = new LinkedBlockingQueue<>();
        RtpSessionListener listener = packet -> {
            if (packet.payloadType() == TELEPHONE_EVENT) {
                DtmfDigit digit = receiver.receive(packet);
                if (digit != null) {
                    digits.add(digit);
                }
            }
        };
        try (RtpSession session = MediaServices.service(RtpSessionFactory.class).open(RtpSessionOptions.of(LOOPBACK, 8000, "dtmf@127.0.0.1"), listener);
                MinimalSipAnswerer answerer = new MinimalSipAnswerer(LOOPBACK, session.localRtpAddress().getPort());
                Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", answerer.port()).service("dtmf")
                        .timeout(Duration.ofSeconds(20)).start()) {
            StringBuilder heard = new StringBuilder();
            for (int i = 0; i < KEYS.length(); i++) {
                DtmfDigit digit = digits.poll(15, TimeUnit.SECONDS);
                assertNotNull(digit, "key " + (i + 1) + " of " + KEYS + " did not arrive (heard \"" + heard
                        + "\"); SIPp log: " + sipp.logFile() + ", SIP requests seen: " + answerer.requests());
                heard.append(digit.event().symbol());
            }
            assertEquals(KEYS, heard.toString());
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(10));
            assertTrue(result.succeeded(), "SIPp exit code " + result.exitCode() + "\n" + result.messages());
            assertNull(digits.poll(), "no key reported twice");
        }
    }

    /** A UAC that calls, plays one capture per key 300 ms apart, and hangs up. */
    private static String scenario() {
        StringBuilder plays = new StringBuilder();
        for (String file : FILES) {
            plays.append("  <nop><action><exec play_pcap_audio=\"")
                    .append(CAPTURES.resolve("dtmf_2833_" + file + ".pcap"))
                    .append("\"/></action></nop>\n  <pause milliseconds=\"300\"/>\n");
        }
        return SippCallScenario.call("play RFC 2833 DTMF captures", """
                m=audio [auto_media_port] RTP/AVP 0 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-16
                """, plays.toString());
    }
}

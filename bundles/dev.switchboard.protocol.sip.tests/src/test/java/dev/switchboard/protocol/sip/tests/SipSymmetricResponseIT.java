package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;

/**
 * Symmetric response routing (RFC 3581): a request whose Via names a port nobody listens on (as behind a NAT) is
 * answered to the address and port it came from, with {@code received} and {@code rport} filled in, whether or not
 * the Via asked for {@code rport}.
 */
class SipSymmetricResponseIT {

    @Test
    void responsesGoWhereTheRequestCameFrom() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        Account account = SipPlugin.account("rport", "alice", "127.0.0.1", "127.0.0.1:9", "localport",
                Integer.toString(port));
        try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account, new char[0],
                new RecordingSessionListener()));
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (String rport : new String[] {";rport", ""}) {
                String via = answerVia(socket, target, rport);
                assertTrue(via.contains("rport=" + socket.getLocalPort()) && via.contains("received=127.0.0.1"),
                        "asked with '" + rport + "', answered with " + via);
            }
        }
    }

    /** Sends an OPTIONS whose Via claims port 9 and returns the Via of the 200 that reached our real port. */
    private static String answerVia(DatagramSocket socket, InetSocketAddress target, String rport) throws IOException {
        String callId = UUID.randomUUID() + "@nat";
        String options = "OPTIONS sip:alice@127.0.0.1:" + target.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9" + rport + ";branch=z9hG4bK" + Math.abs(callId.hashCode()) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:nat@127.0.0.1>;tag=nat\r\n"
                + "To: <sip:alice@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(bytes, bytes.length, target));
        byte[] buffer = new byte[65536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer reached the port the OPTIONS came from (Via said 9" + rport + ")",
                        e);
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            if (text.startsWith("SIP/2.0 200") && text.contains(callId)) {
                return text.lines().filter(line -> line.regionMatches(true, 0, "Via:", 0, 4)).findFirst()
                        .orElse("(no Via)");
            }
        }
    }
}

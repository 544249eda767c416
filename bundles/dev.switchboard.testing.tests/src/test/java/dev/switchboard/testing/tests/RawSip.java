package dev.switchboard.testing.tests;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Sends one out-of-dialog SIP request over UDP from 127.0.0.1 and returns the final response. */
final class RawSip {
    private static final int TIMEOUT_MILLIS = 5_000;

    private RawSip() {
    }

    /**
     * Sends {@code method} for {@code requestUri} from {@code from} to {@code proxy}, with a fresh Via, Call-ID and
     * tags, and returns the first non-provisional response.
     */
    static String request(InetSocketAddress proxy, String method, String requestUri, String from) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String unique = UUID.randomUUID().toString().replace("-", "");
            String request = method + " " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + unique + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <" + from + ">;tag=" + unique.substring(0, 10) + "\r\n"
                    + "To: <" + requestUri + ">\r\n"
                    + "Call-ID: " + unique + "@127.0.0.1\r\n"
                    + "CSeq: 1 " + method + "\r\n"
                    + "Contact: <sip:tester@127.0.0.1:" + socket.getLocalPort() + ">\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, proxy));
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no final response to " + method + " within " + TIMEOUT_MILLIS + " ms", e);
                }
                String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!response.startsWith("SIP/2.0 1")) {
                    return response;
                }
            }
        }
    }
}

package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/** baresip registers to Kamailio, and Kamailio routes requests for the user to it. */
class BaresipIT {
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void registersAndIsReachableThroughKamailio() throws IOException {
        Kamailio kamailio = KAMAILIO.get();
        try (Baresip bob = Baresip.builder().account("bob", "bob123", kamailio).start()) {
            List<String> contacts = kamailio.awaitContacts("bob", Duration.ofSeconds(10));
            assertTrue(contacts.stream().anyMatch(contact -> contact.contains("@127.0.0.1:" + bob.sipPort())),
                    "bob's contact should point at baresip's port " + bob.sipPort() + ": " + contacts);

            String response = optionsThroughProxy(kamailio, "bob");
            assertTrue(response.startsWith("SIP/2.0 200"), response);
            assertTrue(response.contains("baresip"), "the 200 should come from baresip itself: " + response);
        }
    }

    @Test
    void unregisteredUserIsNotFound() throws IOException {
        String response = optionsThroughProxy(KAMAILIO.get(), "alice");
        assertEquals("SIP/2.0 404", response.substring(0, 11), response);
    }

    /**
     * Sends OPTIONS for {@code user} to Kamailio from a non-local domain (so no proxy challenge) and returns the
     * final response: Kamailio looks the user up and relays it to the registered contact.
     */
    private static String optionsThroughProxy(Kamailio kamailio, String user) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            socket.setSoTimeout(5_000);
            String branch = "z9hG4bK" + Long.toHexString(System.nanoTime());
            String request = "OPTIONS sip:" + user + "@" + kamailio.domain() + ":" + kamailio.port() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:tester@outside.invalid>;tag=" + branch.substring(7) + "\r\n"
                    + "To: <sip:" + user + "@" + kamailio.domain() + ">\r\n"
                    + "Call-ID: " + branch + "@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Accept: application/sdp\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, kamailio.address()));
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
                socket.receive(packet);
                String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!response.startsWith("SIP/2.0 1")) {
                    return response;
                }
            }
        }
    }
}

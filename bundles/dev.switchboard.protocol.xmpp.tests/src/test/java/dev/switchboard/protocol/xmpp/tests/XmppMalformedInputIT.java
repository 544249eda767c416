package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/**
 * Broken XML and bogus stanzas reach the session: from a fake server on a raw socket, and from
 * another user through Prosody. The session reports a clear error or drops the stanza, and stays
 * usable.
 */
class XmppMalformedInputIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("alice", "alice123").user("mallory", "mallory123").start());

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    /** A server that answers the stream header with broken XML, then keeps the socket open. */
    @Test
    void brokenXmlFromTheServerIsAFailureNotAHang() throws Exception {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        opened.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    opened.add(client);
                    InputStream in = client.getInputStream();
                    in.read(new byte[4096]); // the client's stream header
                    OutputStream out = client.getOutputStream();
                    out.write(("<?xml version='1.0'?><stream:stream from='localhost' id='x1' version='1.0'"
                            + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
                            + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
                            + "</starttls></stream:features><message><<body>&bogus;</message></stream:features>")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    return; // closed by the test
                }
            }
        });
        Account account = new Account("alice", "xmpp", Map.of("jid", "alice@localhost", "host", "127.0.0.1",
                "port", Integer.toString(server.getLocalPort())));
        Recorder recorder = new Recorder();
        ProtocolSession session = XmppPeers.provider().open(account, "alice123".toCharArray(), recorder);
        opened.add(session::close);
        session.register();
        RegistrationState failed = recorder.awaitState(RegistrationState.Kind.FAILED);
        assertFalse(failed.reason().isBlank(), "the failure says why");
        // and it keeps trying with backoff rather than giving up or spinning
        recorder.awaitState(RegistrationState.Kind.REGISTERING);
        assertEquals(RegistrationState.Kind.FAILED, recorder.awaitState(RegistrationState.Kind.FAILED).kind());
    }

    /** Raw XML sent as it is, bypassing Smack's stanza building. */
    private record Raw(String xml) implements Nonza {
        @Override
        public String getNamespace() {
            return "jabber:client";
        }

        @Override
        public String getElementName() {
            return "message";
        }

        @Override
        public CharSequence toXML(XmlEnvironment environment) {
            return xml;
        }
    }

    @Test
    void bogusStanzasFromAnotherUserAreDroppedAndTheSessionStaysUp() throws Exception {
        Prosody prosody = PROSODY.get();
        Recorder alice = new Recorder();
        ProtocolSession session = XmppPeers.provider().open(XmppPeers.account(prosody, "alice", true),
                "alice123".toCharArray(), alice);
        opened.add(session::close);
        session.register();
        alice.awaitState(RegistrationState.Kind.REGISTERED);

        XMPPTCPConnection mallory = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(prosody.domain()).setHostAddress(InetAddress.getByName(prosody.host()))
                .setPort(prosody.c2sPort()).setUsernameAndPassword("mallory", "mallory123")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(prosody.trustManager()).build());
        // her raw stanzas would upset the stream management counters
        mallory.setUseStreamManagement(false);
        opened.add(mallory::disconnect);
        mallory.connect().login();

        String to = "alice@" + prosody.domain();
        String from = "mallory@" + prosody.domain();
        for (String bogus : List.of(
                // a delay stamp that is no date
                "<message to='" + to + "' type='chat' id='bad1'><body>stale</body>"
                        + "<delay xmlns='urn:xmpp:delay' stamp='yesterday-ish'/></message>",
                // a chat state that does not exist
                "<message to='" + to + "' type='chat' id='bad2'><singing xmlns='http://jabber.org/protocol/chatstates'/>"
                        + "</message>",
                // a receipt request on a message without id, and a receipt for nothing
                "<message to='" + to + "' type='chat'><body>no id</body><request xmlns='urn:xmpp:receipts'/></message>",
                "<message to='" + to + "' type='chat' id='bad3'><received xmlns='urn:xmpp:receipts'/></message>",
                // a carbon copy forged by another user, claiming alice wrote it
                "<message to='" + to + "' type='chat' id='bad4'><sent xmlns='urn:xmpp:carbons:2'>"
                        + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='" + to
                        + "/x' to='" + from + "' type='chat'><body>forged</body></message></forwarded></sent></message>",
                // an archive result nobody asked for, from a user rather than the archive
                "<message to='" + to + "' id='bad5'><result xmlns='urn:xmpp:mam:2' queryid='q' id='r'>"
                        + "<forwarded xmlns='urn:xmpp:forward:0'><message xmlns='jabber:client' from='" + to
                        + "' to='" + from + "' type='chat'><body>fake archive</body></message></forwarded></result></message>",
                // an unknown extension with odd content
                "<message to='" + to + "' type='chat' id='bad6'>" + "<x xmlns='urn:example:junk'>".repeat(20)
                        + "&lt;&amp;&gt;" + "</x>".repeat(20) + "</message>")) {
            mallory.sendNonza(new Raw(bogus));
        }
        mallory.sendStanza(mallory.getStanzaFactory().buildMessageStanza().ofType(
                org.jivesoftware.smack.packet.Message.Type.chat).to(JidCreate.from(to)).setBody("after the junk").build());

        Message after = alice.await(Message.class, m -> m.text().equals("after the junk"), "the good message");
        assertEquals(0, alice.countSeen(Recorder.Delivered.class, d -> d.messageId() == null),
                "a receipt naming no message confirms nothing: " + alice.seen());
        assertEquals(from, after.peer());
        assertEquals(0, alice.countSeen(Message.class, m -> m.text().equals("forged") || m.text().equals("fake archive")),
                "forged copies are not taken for alice's own messages: " + alice.seen());
        assertEquals(0, alice.countSeen(RegistrationState.class, s -> s.kind() == RegistrationState.Kind.CONNECTION_LOST
                || s.kind() == RegistrationState.Kind.FAILED),
                "the connection never dropped: " + alice.seen());
        assertTrue(mallory.isAuthenticated());

        // nesting deeper than the JDK's XML parser takes (jdk.xml.maxElementDepth, 100) breaks the stream
        // itself, not one stanza: the session says so, reconnects and goes on
        mallory.sendNonza(new Raw("<message to='" + to + "' type='chat' id='deep'>"
                + "<x xmlns='urn:example:junk'>".repeat(200) + "</x>".repeat(200) + "</message>"));
        RegistrationState lost = alice.awaitState(RegistrationState.Kind.CONNECTION_LOST);
        assertTrue(lost.reason().startsWith("the server sent XML nested deeper than the parser allows")
                && lost.reason().contains("maxElementDepth"), lost.reason());
        alice.awaitState(RegistrationState.Kind.REGISTERED);
        mallory.sendStanza(mallory.getStanzaFactory().buildMessageStanza().ofType(
                org.jivesoftware.smack.packet.Message.Type.chat).to(JidCreate.from(to)).setBody("after the deep one")
                .build());
        alice.await(Message.class, m -> m.text().equals("after the deep one"), "the message after the deep one");
        assertEquals(1, alice.countSeen(RegistrationState.class, s -> s.kind() == RegistrationState.Kind.CONNECTION_LOST),
                "the deep stanza is not resent on resumption (which would drop the stream again): " + alice.seen());
    }
}

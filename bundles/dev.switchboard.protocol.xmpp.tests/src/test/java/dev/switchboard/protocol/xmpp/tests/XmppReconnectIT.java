package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** Prosody restarted under two online sessions: both come back by themselves and chat again. */
class XmppReconnectIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension
            .of(() -> Prosody.builder().user("alice", "alice123").user("bob", "bob123").start());

    private final List<ProtocolSession> opened = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        opened.forEach(ProtocolSession::close);
    }

    private ProtocolSession online(String user, String password, Recorder recorder) throws Exception {
        ProtocolSession session = XmppPeers.provider().open(XmppPeers.account(PROSODY.get(), user, true),
                password.toCharArray(), recorder);
        opened.add(session);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    @Test
    void serverRestartIsSeenAndRecoveredFrom() throws Exception {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        ProtocolSession aliceSession = online("alice", "alice123", alice);
        online("bob", "bob123", bob);
        String bobAddress = "bob@" + PROSODY.get().domain();

        PROSODY.get().restart();

        RegistrationState lost = alice.awaitState(RegistrationState.Kind.CONNECTION_LOST);
        assertEquals(RegistrationState.Kind.CONNECTION_LOST, lost.kind());
        alice.awaitState(RegistrationState.Kind.REGISTERING);
        alice.awaitState(RegistrationState.Kind.REGISTERED);
        bob.awaitState(RegistrationState.Kind.REGISTERED);

        Message sent = aliceSession.capability(MessageSender.class).orElseThrow().send(bobAddress, "still there?");
        Message received = bob.await(Message.class, m -> m.text().equals("still there?"), "a message after the restart");
        assertEquals(sent.id(), received.id());
        alice.await(Recorder.Delivered.class, d -> d.messageId().equals(sent.id()), "its receipt");
    }
}

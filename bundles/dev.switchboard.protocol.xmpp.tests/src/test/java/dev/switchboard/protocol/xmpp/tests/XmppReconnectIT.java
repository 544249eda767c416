package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    private static final int MESSAGES_EACH_WAY = 20;

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

    /**
     * Messages sent both ways before the server restarts and after the sessions are back: each arrives
     * exactly once, although the new login reads the archive and the server may have offline copies.
     */
    @Test
    void serverRestartIsSeenAndRecoveredFromWithoutLosingOrDuplicatingMessages() throws Exception {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        ProtocolSession aliceSession = online("alice", "alice123", alice);
        ProtocolSession bobSession = online("bob", "bob123", bob);
        String domain = PROSODY.get().domain();
        MessageSender fromAlice = aliceSession.capability(MessageSender.class).orElseThrow();
        MessageSender fromBob = bobSession.capability(MessageSender.class).orElseThrow();
        Set<String> toBob = new LinkedHashSet<>();
        Set<String> toAlice = new LinkedHashSet<>();
        for (int i = 0; i < MESSAGES_EACH_WAY; i++) {
            toBob.add(fromAlice.send("bob@" + domain, "a-before-" + i).text());
            toAlice.add(fromBob.send("alice@" + domain, "b-before-" + i).text());
        }
        // delivered before the restart (messages still in the dying server's queues are a known gap: see
        // architecture.md), so that what follows proves that nothing is delivered twice by stream
        // management's resending, offline storage or the archive catch-up after the new login
        awaitAll(bob, toBob);
        awaitAll(alice, toAlice);

        PROSODY.get().restart();

        RegistrationState lost = alice.awaitState(RegistrationState.Kind.CONNECTION_LOST);
        assertEquals(RegistrationState.Kind.CONNECTION_LOST, lost.kind());
        alice.awaitState(RegistrationState.Kind.REGISTERING);
        alice.awaitState(RegistrationState.Kind.REGISTERED);
        bob.awaitState(RegistrationState.Kind.REGISTERED);

        Message sent = fromAlice.send("bob@" + domain, "still there?");
        Message received = bob.await(Message.class, m -> m.text().equals("still there?"), "a message after the restart");
        assertEquals(sent.id(), received.id());
        alice.await(Recorder.Delivered.class, d -> d.messageId().equals(sent.id()), "its receipt");
        toBob.add(sent.text());
        for (int i = 0; i < MESSAGES_EACH_WAY; i++) {
            toBob.add(fromAlice.send("bob@" + domain, "a-after-" + i).text());
            toAlice.add(fromBob.send("alice@" + domain, "b-after-" + i).text());
        }
        awaitAll(bob, toBob);
        awaitAll(alice, toAlice);
        // a last message each way: anything duplicated on the way would have arrived before it
        fromAlice.send("bob@" + domain, "a-last");
        fromBob.send("alice@" + domain, "b-last");
        bob.await(Message.class, m -> m.text().equals("a-last"), "alice's last message");
        alice.await(Message.class, m -> m.text().equals("b-last"), "bob's last message");
        for (String text : toBob) {
            assertEquals(1, bob.countSeen(Message.class, m -> m.text().equals(text)), "bob got '" + text + "' once");
        }
        for (String text : toAlice) {
            assertEquals(1, alice.countSeen(Message.class, m -> m.text().equals(text)), "alice got '" + text + "' once");
        }
    }

    private static void awaitAll(Recorder recorder, Set<String> texts) throws InterruptedException {
        Set<String> missing = new HashSet<>(texts);
        missing.removeIf(text -> recorder.countSeen(Message.class, m -> m.text().equals(text)) > 0);
        while (!missing.isEmpty()) {
            Message message = recorder.await(Message.class, m -> missing.contains(m.text()),
                    "the messages still missing: " + missing);
            missing.remove(message.text());
        }
    }
}

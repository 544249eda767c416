package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** Prosody restarted under two online sessions: both come back by themselves and no message is lost or doubled. */
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
     * Messages both ways sent just before the server restarts (delivered before it dies), while the sessions
     * are down (queued) and after they are back: each arrives exactly once and each gets its receipt, although
     * stream management resends what it had not acknowledged and the new logins read the archive.
     */
    @Test
    void serverRestartLosesAndDuplicatesNoMessageQueuedDuringOrSentAfterIt() throws Exception {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        ProtocolSession aliceSession = online("alice", "alice123", alice);
        ProtocolSession bobSession = online("bob", "bob123", bob);
        String domain = PROSODY.get().domain();
        MessageSender fromAlice = aliceSession.capability(MessageSender.class).orElseThrow();
        MessageSender fromBob = bobSession.capability(MessageSender.class).orElseThrow();
        // texts unique to this run: a new login reads the newest archive page, which may hold earlier runs' messages
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, String> toBob = new LinkedHashMap<>(); // text -> id
        Map<String, String> toAlice = new LinkedHashMap<>();
        for (int i = 0; i < MESSAGES_EACH_WAY; i++) {
            put(toBob, fromAlice.send("bob@" + domain, run + "-a-before-" + i));
            put(toAlice, fromBob.send("alice@" + domain, run + "-b-before-" + i));
        }
        // delivered and receipted before the restart: messages and receipts still in flight when the server dies
        // were lost in full runs (the receiver's stream cut mid-stanza) — an open gap of issue 5, not claimed here
        awaitAll(bob, toBob.keySet());
        awaitAll(alice, toAlice.keySet());
        awaitReceipts(alice, toBob.values());
        awaitReceipts(bob, toAlice.values());

        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> PROSODY.get().restart());
        alice.awaitState(RegistrationState.Kind.CONNECTION_LOST);
        bob.awaitState(RegistrationState.Kind.CONNECTION_LOST);
        for (int i = 0; i < MESSAGES_EACH_WAY; i++) {
            put(toBob, fromAlice.send("bob@" + domain, run + "-a-during-" + i));
            put(toAlice, fromBob.send("alice@" + domain, run + "-b-during-" + i));
        }
        restart.get(Recorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        alice.awaitState(RegistrationState.Kind.REGISTERED);
        bob.awaitState(RegistrationState.Kind.REGISTERED);

        Message sent = fromAlice.send("bob@" + domain, run + " still there?");
        Message received = bob.await(Message.class, m -> m.text().equals(run + " still there?"), "a message after the restart");
        assertEquals(sent.id(), received.id());
        alice.await(Recorder.Delivered.class, d -> d.messageId().equals(sent.id()), "its receipt");
        put(toBob, sent);
        for (int i = 0; i < MESSAGES_EACH_WAY; i++) {
            put(toBob, fromAlice.send("bob@" + domain, run + "-a-after-" + i));
            put(toAlice, fromBob.send("alice@" + domain, run + "-b-after-" + i));
        }
        awaitAll(bob, toBob.keySet());
        awaitAll(alice, toAlice.keySet());
        awaitReceipts(alice, toBob.values());
        awaitReceipts(bob, toAlice.values());
        // a last message each way: anything duplicated on the way would have arrived before it
        fromAlice.send("bob@" + domain, run + "-a-last");
        fromBob.send("alice@" + domain, run + "-b-last");
        bob.await(Message.class, m -> m.text().equals(run + "-a-last"), "alice's last message");
        alice.await(Message.class, m -> m.text().equals(run + "-b-last"), "bob's last message");
        for (String text : toBob.keySet()) {
            assertEquals(1, bob.countSeen(Message.class, m -> m.text().equals(text)), "bob got '" + text + "' once");
        }
        for (String text : toAlice.keySet()) {
            assertEquals(1, alice.countSeen(Message.class, m -> m.text().equals(text)), "alice got '" + text + "' once");
        }
    }

    private static void put(Map<String, String> sent, Message message) {
        sent.put(message.text(), message.id());
    }

    private static void awaitReceipts(Recorder sender, Collection<String> ids) throws InterruptedException {
        Set<String> missing = new HashSet<>(ids);
        missing.removeIf(id -> sender.countSeen(Recorder.Delivered.class, d -> d.messageId().equals(id)) > 0);
        while (!missing.isEmpty()) {
            Recorder.Delivered receipt = sender.await(Recorder.Delivered.class, d -> missing.contains(d.messageId()),
                    "the receipts still missing: " + missing);
            missing.remove(receipt.messageId());
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

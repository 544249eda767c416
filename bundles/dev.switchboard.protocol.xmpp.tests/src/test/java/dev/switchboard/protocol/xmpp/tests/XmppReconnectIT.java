package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.Account;
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
    /** Sent each way around the restart, which starts after the first {@link #RESTART_AFTER} of them. */
    private static final int IN_FLIGHT_EACH_WAY = 60;
    private static final int RESTART_AFTER = 10;
    /** Messages on the archive's newest page, which a session without a stored position reads. */
    private static final int ARCHIVE_PAGE = 100;

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
     * Messages both ways sent while the server restarts (Prosody gets its SIGTERM while both sides are still
     * sending), while the sessions are down (queued) and after they are back: each arrives exactly once and
     * each gets its receipt, although some were in flight when the server died, stream management resends
     * what the server had not acknowledged and the new logins read the archive.
     */
    @Test
    void serverRestartLosesAndDuplicatesNoMessageInFlightQueuedDuringOrSentAfterIt() throws Exception {
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
        CompletableFuture<Void> restart = null;
        for (int i = 0; i < IN_FLIGHT_EACH_WAY; i++) {
            if (i == RESTART_AFTER) {
                // no waiting for delivery: the rest are sent while the server stops, some reach it, some not
                restart = CompletableFuture.runAsync(() -> PROSODY.get().restart());
            }
            put(toBob, fromAlice.send("bob@" + domain, run + "-a-before-" + i));
            put(toAlice, fromBob.send("alice@" + domain, run + "-b-before-" + i));
        }

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

    /**
     * A program restart: messages queued while the server cannot be reached are still sent when the next run
     * of the account comes online (the outbox is in the store), and a new session of an account reads the
     * archive from where the last one stopped, not only its newest page.
     */
    @Test
    void outboxAndArchivePositionOutliveTheSession() throws Exception {
        Prosody prosody = PROSODY.get();
        String domain = prosody.domain();
        Recorder bob = new Recorder();
        ProtocolSession bobSession = online("bob", "bob123", bob);

        // alice's program cannot reach the server, queues three messages and is closed
        Account alice = XmppPeers.account(prosody, "alice", true);
        Recorder aliceDown = new Recorder();
        ProtocolSession unreachable = XmppPeers.provider().open(
                alice.with(Map.of("port", Integer.toString(closedPort()))), "alice123".toCharArray(), aliceDown);
        unreachable.register();
        aliceDown.awaitState(RegistrationState.Kind.FAILED);
        MessageSender queuing = unreachable.capability(MessageSender.class).orElseThrow();
        List<Message> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(queuing.send("bob@" + domain, "queued-" + i));
        }
        unreachable.close();

        // the next run reaches the server and sends them, ids unchanged; bob's receipts come back
        Recorder aliceUp = new Recorder();
        ProtocolSession reachable = XmppPeers.provider().open(alice, "alice123".toCharArray(), aliceUp);
        opened.add(reachable);
        reachable.register();
        aliceUp.awaitState(RegistrationState.Kind.REGISTERED);
        for (Message message : queued) {
            Message received = bob.await(Message.class, m -> m.text().equals(message.text()), message.text());
            assertEquals(message.id(), received.id());
        }
        awaitReceipts(aliceUp, queued.stream().map(Message::id).toList());

        // bob's program stops; his phone then sends more messages than the archive's newest page holds
        bobSession.close();
        XMPPTCPConnection phone = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain).setHostAddress(InetAddress.getByName(prosody.host()))
                .setPort(prosody.c2sPort()).setUsernameAndPassword("bob", "bob123").setResource("phone")
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(prosody.trustManager()).build());
        Set<String> fromPhone = new HashSet<>();
        try {
            phone.connect().login();
            for (int i = 0; i < ARCHIVE_PAGE + 20; i++) {
                String text = "from-phone-" + i;
                phone.sendStanza(phone.getStanzaFactory().buildMessageStanza().ofType(
                        org.jivesoftware.smack.packet.Message.Type.chat).to(JidCreate.entityBareFrom("alice@" + domain))
                        .setBody(text).build());
                fromPhone.add(text);
            }
            // alice got the last one: the server has archived them all
            aliceUp.await(Message.class, m -> m.text().equals("from-phone-" + (ARCHIVE_PAGE + 19)), "the phone's last message");
        } finally {
            phone.disconnect();
        }

        // bob's next run reads the archive from his last position: every one of them, once
        Recorder bobAgain = new Recorder();
        opened.add(online("bob", "bob123", bobAgain));
        awaitAll(bobAgain, fromPhone);
        for (String text : fromPhone) {
            assertEquals(1, bobAgain.countSeen(Message.class, m -> m.text().equals(text)), "'" + text + "' once");
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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

    private static void awaitAll(Recorder recorder, Collection<String> texts) throws InterruptedException {
        Set<String> missing = new HashSet<>(texts);
        missing.removeIf(text -> recorder.countSeen(Message.class, m -> m.text().equals(text)) > 0);
        while (!missing.isEmpty()) {
            Message message = recorder.await(Message.class, m -> missing.contains(m.text()),
                    "the messages still missing: " + missing);
            missing.remove(message.text());
        }
    }
}

package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.RosterEntry;
import dev.switchboard.core.presence.Subscription;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.PresencePublisher;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** The XMPP plug-in's sessions against a real Prosody. */
class XmppSessionIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("alice", "alice123").user("bob", "bob123").user("carol", "carol123").user("dave", "dave123")
            .user("erin", "erin123").start());

    private final List<ProtocolSession> opened = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        opened.forEach(ProtocolSession::close);
    }

    private ProtocolSession open(Account account, String password, Recorder recorder) throws Exception {
        ProtocolSession session = XmppPeers.provider().open(account, password.toCharArray(), recorder);
        opened.add(session);
        return session;
    }

    private ProtocolSession online(String user, String password, Recorder recorder) throws Exception {
        ProtocolSession session = open(XmppPeers.account(PROSODY.get(), user, true), password, recorder);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERING);
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    @Test
    void wrongPasswordFailsOnceWithoutRetrying() throws Exception {
        Recorder recorder = new Recorder();
        ProtocolSession session = open(XmppPeers.account(PROSODY.get(), "bob", true), "not-bobs", recorder);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERING);
        assertEquals(RegistrationState.failed("authentication failed"), recorder.nextState(Recorder.TIMEOUT));
        // a retry would come after the first backoff (about 1 s): three times that is quiet
        assertNull(recorder.nextState(Duration.ofSeconds(3)), "a refused password must not be retried");
    }

    @Test
    void selfSignedCertificateIsRejectedUntilPinned() throws Exception {
        Prosody prosody = PROSODY.get();
        Recorder rejected = new Recorder();
        ProtocolSession unpinned = open(XmppPeers.account(prosody, "carol", false), "carol123", rejected);
        unpinned.register();
        RegistrationState failure = rejected.awaitState(RegistrationState.Kind.FAILED);
        assertTrue(failure.reason().startsWith("certificate rejected"), failure.reason());
        assertTrue(failure.reason().contains(XmppPeers.fingerprint(prosody)),
                "the user must be shown the fingerprint to pin: " + failure.reason());
        assertNull(rejected.nextState(Duration.ofSeconds(2)), "a rejected certificate must not be retried");

        Recorder pinned = new Recorder();
        ProtocolSession session = open(XmppPeers.account(prosody, "carol", true), "carol123", pinned);
        session.register();
        pinned.awaitState(RegistrationState.Kind.REGISTERED);

        // a pin of some other certificate does not let this one through
        Account wrongPin = XmppPeers.account(prosody, "carol", false)
                .with(java.util.Map.of("tls.pin", "00".repeat(32), "resource", "second"));
        Recorder wrong = new Recorder();
        open(wrongPin, "carol123", wrong).register();
        assertTrue(wrong.awaitState(RegistrationState.Kind.FAILED).reason().contains("not the pinned certificate"));
    }

    @Test
    void chatBothWaysWithDeliveryReceipts() throws Exception {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        ProtocolSession aliceSession = online("alice", "alice123", alice);
        ProtocolSession bobSession = online("bob", "bob123", bob);
        String bobAddress = "bob@" + PROSODY.get().domain();
        String aliceAddress = "alice@" + PROSODY.get().domain();

        Message sent = aliceSession.capability(MessageSender.class).orElseThrow().send(bobAddress, "hello bob ✓");
        assertEquals(bobAddress, sent.peer());
        Message received = bob.await(Message.class, m -> m.text().equals("hello bob ✓"), "alice's message");
        assertEquals(aliceAddress, received.peer());
        assertTrue(received.incoming());
        assertEquals(sent.id(), received.id());
        alice.await(Recorder.Delivered.class, d -> d.messageId().equals(sent.id()), "bob's receipt");

        Message reply = bobSession.capability(MessageSender.class).orElseThrow().send(aliceAddress, "hi alice");
        alice.await(Message.class, m -> m.text().equals("hi alice") && m.peer().equals(bobAddress), "bob's reply");
        bob.await(Recorder.Delivered.class, d -> d.messageId().equals(reply.id()), "alice's receipt");

        assertThrows(IllegalArgumentException.class,
                () -> aliceSession.capability(MessageSender.class).orElseThrow().send("not a jid@", "x"));
        assertThrows(UnsupportedOperationException.class, () -> aliceSession.dial(bobAddress, null));
    }

    @Test
    void rosterSubscriptionAndPresenceBetweenTwoSessions() throws Exception {
        String domain = PROSODY.get().domain();
        Recorder dave = new Recorder();
        Recorder erin = new Recorder();
        ProtocolSession daveSession = online("dave", "dave123", dave);
        ProtocolSession erinSession = online("erin", "erin123", erin);
        Roster daveRoster = daveSession.capability(Roster.class).orElseThrow();
        Roster erinRoster = erinSession.capability(Roster.class).orElseThrow();

        daveRoster.add("erin@" + domain, "Erin", Set.of("Friends", "Work"));
        awaitTrue(() -> erinRoster.pendingRequests().contains("dave@" + domain), "erin sees dave's request");
        erinRoster.approve("dave@" + domain);
        awaitTrue(() -> entry(daveRoster, "erin@" + domain).subscription() == Subscription.TO, "dave subscribed to erin");
        // the approval brings erin's current presence (RFC 6121 3.1.5), without erin publishing anything new
        dave.await(Recorder.PresenceReport.class, p -> p.contact().equals("erin@" + domain)
                && p.presence().availability() == Availability.AVAILABLE, "erin's presence after the approval");
        assertEquals(Availability.AVAILABLE, entry(daveRoster, "erin@" + domain).presence().availability());
        RosterEntry erinAtDave = entry(daveRoster, "erin@" + domain);
        assertEquals("Erin", erinAtDave.name());
        assertEquals(Set.of("Friends", "Work"), erinAtDave.groups());

        // erin's availability (the core's DND) reaches dave as XMPP dnd with its note
        erinSession.capability(PresencePublisher.class).orElseThrow()
                .publish(new Presence(Availability.DO_NOT_DISTURB, "in a meeting"));
        dave.await(Recorder.PresenceReport.class, p -> p.contact().equals("erin@" + domain)
                && p.presence().equals(new Presence(Availability.DO_NOT_DISTURB, "in a meeting")), "erin's dnd");
        assertEquals(Availability.DO_NOT_DISTURB, entry(daveRoster, "erin@" + domain).presence().availability());

        daveRoster.rename("erin@" + domain, "Erin E.");
        daveRoster.setGroups("erin@" + domain, Set.of("Family"));
        awaitTrue(() -> entry(daveRoster, "erin@" + domain).name().equals("Erin E.")
                && entry(daveRoster, "erin@" + domain).groups().equals(Set.of("Family")), "rename and regroup");

        // the other way round, denied: erin asks, dave refuses
        erinRoster.add("dave@" + domain, "Dave", Set.of());
        awaitTrue(() -> daveRoster.pendingRequests().contains("erin@" + domain), "dave sees erin's request");
        daveRoster.deny("erin@" + domain);
        awaitTrue(() -> daveRoster.pendingRequests().isEmpty(), "request answered");
        awaitTrue(() -> !entry(erinRoster, "dave@" + domain).askPending()
                && entry(erinRoster, "dave@" + domain).subscription() == Subscription.FROM, "erin refused, still shares");

        daveRoster.remove("erin@" + domain);
        awaitTrue(() -> daveRoster.entries().stream().noneMatch(e -> e.address().equals("erin@" + domain)), "removed");
        assertThrows(IllegalArgumentException.class, () -> daveRoster.rename("nobody@" + domain, "x"));
    }

    @Test
    void passwordRoomWithSubjectOccupantsAndMessages() throws Exception {
        String room = "board@" + PROSODY.get().mucDomain();
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        ProtocolSession aliceSession = online("alice", "alice123", alice);
        ProtocolSession bobSession = online("bob", "bob123", bob);
        GroupChat aliceRooms = aliceSession.capability(GroupChat.class).orElseThrow();
        GroupChat bobRooms = bobSession.capability(GroupChat.class).orElseThrow();

        aliceRooms.join(room, "Alice", "s3cret");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> bobRooms.join(room, "Bob", "guess"));
        assertTrue(refused.getMessage().contains("wrong or missing password"), refused.getMessage());
        bobRooms.join(room, "Bob", "s3cret");
        assertEquals(List.of(room), bobRooms.rooms());
        awaitTrue(() -> aliceRooms.occupants(room).equals(List.of("Alice", "Bob")), "both in the room");

        aliceRooms.changeSubject(room, "Quarterly numbers");
        awaitTrue(() -> bobRooms.subject(room).equals("Quarterly numbers"), "bob sees the subject");

        Message sent = aliceSession.capability(MessageSender.class).orElseThrow().send(room, "numbers are in");
        assertEquals(room, sent.peer());
        Message heard = bob.await(Message.class, m -> m.text().equals("numbers are in"), "alice's room message");
        assertEquals(room, heard.peer());
        assertEquals("Alice", heard.sender());
        assertTrue(heard.incoming());

        bobRooms.leave(room);
        awaitTrue(() -> aliceRooms.occupants(room).equals(List.of("Alice")), "bob left");
        aliceRooms.leave(room);
    }

    private static RosterEntry entry(Roster roster, String address) {
        return roster.entries().stream().filter(e -> e.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " is not in the roster: " + roster.entries()));
    }

    /** Polls a condition on the session's view, which the server changes asynchronously. */
    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Recorder.TIMEOUT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException notYet) {
                // the entry may not have arrived yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + Recorder.TIMEOUT + ": " + what);
            }
            Thread.sleep(20);
        }
    }
}

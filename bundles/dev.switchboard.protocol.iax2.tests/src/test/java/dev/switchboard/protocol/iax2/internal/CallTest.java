package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.MessageSender;

/** Two of our IAX2 sessions calling each other directly on loopback. */
class CallTest {

    private static Iax2Session session(String user, Recorders.Session listener, BlockingQueue<TestMedia> media) {
        return session(user, "", listener, media);
    }

    private static Iax2Session session(String user, String password, Recorders.Session listener,
            BlockingQueue<TestMedia> media) {
        Account account = new Account(user, "iax2", Map.of("user", user, "port", "0", "bind", "127.0.0.1"));
        return new Iax2Session(account, password.toCharArray(), listener, TestMedia.factory(media));
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 10 s");
        }
        return value;
    }

    @Test
    void callWithVoiceBothWaysDtmfHoldAndHangup() throws Exception {
        Recorders.Session aliceEvents = new Recorders.Session();
        Recorders.Session bobEvents = new Recorders.Session();
        BlockingQueue<TestMedia> aliceMedia = new LinkedBlockingQueue<>();
        BlockingQueue<TestMedia> bobMedia = new LinkedBlockingQueue<>();
        Recorders.Call alice = new Recorders.Call();
        Recorders.Call bob = bobEvents.incomingListener;
        try (Iax2Session aliceSession = session("alice", aliceEvents, aliceMedia);
                Iax2Session bobSession = session("bob", bobEvents, bobMedia)) {
            CallLeg outgoing = aliceSession.dial("127.0.0.1:" + bobSession.localAddress().getPort() + "/100", alice);
            CallLeg incoming = poll(bobEvents.incoming);
            assertEquals("alice", incoming.remote().displayName());
            assertEquals(CallState.RINGING_OUT, alice.next());
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.next());
            assertEquals(CallState.CONNECTED, bob.next());
            assertEquals("PCMU/8000", outgoing.codec().orElseThrow());

            TestMedia aliceAudio = poll(aliceMedia);
            TestMedia bobAudio = poll(bobMedia);
            // 70 000 ms of media clock in 20 ms steps would take long; jump the clock past the 16-bit
            // mini-frame range instead, which must force a full voice frame and still arrive
            long[] timestamps = { 0, 20, 40, 65_520, 65_540, 65_560 };
            for (int i = 0; i < timestamps.length; i++) {
                byte[] frame = new byte[160];
                java.util.Arrays.fill(frame, (byte) i);
                aliceAudio.out.send(frame, 0, frame.length, timestamps[i]);
                bobAudio.out.send(frame, 0, frame.length, timestamps[i]);
            }
            for (int i = 0; i < timestamps.length; i++) {
                byte[] expected = new byte[160];
                java.util.Arrays.fill(expected, (byte) i);
                assertArrayEquals(expected, poll(bobAudio.received), "frame " + i + " alice to bob");
                assertArrayEquals(expected, poll(aliceAudio.received), "frame " + i + " bob to alice");
            }

            // each key press reaches the far end's leg listener (the core's CallLegListener.dtmfReceived)
            outgoing.capability(Dtmf.class).orElseThrow().send("159*#D");
            incoming.capability(Dtmf.class).orElseThrow().send("42");
            assertEquals("159*#D", bob.digits(6));
            assertEquals("42", alice.digits(2));

            outgoing.capability(Hold.class).orElseThrow().hold();
            assertEquals(CallState.ON_HOLD, alice.next());
            assertEquals(CallState.REMOTE_HOLD, bob.next());
            outgoing.capability(Hold.class).orElseThrow().resume();
            assertEquals(CallState.CONNECTED, alice.next());
            assertEquals(CallState.CONNECTED, bob.next());

            incoming.hangup();
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) bob.next()).kind());
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) alice.next()).kind());
        }
    }

    @Test
    void aRejectedCallEndsAsBusyForTheCaller() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session aliceSession = session("alice", new Recorders.Session(), new LinkedBlockingQueue<>());
                Iax2Session bobSession = session("bob", bobEvents, new LinkedBlockingQueue<>())) {
            aliceSession.dial("iax2:127.0.0.1:" + bobSession.localAddress().getPort(), alice);
            poll(bobEvents.incoming).reject("busy");
            assertEquals(CallState.RINGING_OUT, alice.next());
            EndReason reason = (EndReason) alice.next();
            assertEquals(EndReason.Kind.BUSY, reason.kind());
            assertEquals("User busy", reason.detail());
            assertEquals(EndReason.Kind.REJECTED, ((EndReason) bobEvents.incomingListener.next()).kind());
        }
    }

    @Test
    void aCallerWhoHangsUpBeforeTheAnswerIsAMissedCall() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session aliceSession = session("alice", new Recorders.Session(), new LinkedBlockingQueue<>());
                Iax2Session bobSession = session("bob", bobEvents, new LinkedBlockingQueue<>())) {
            CallLeg outgoing = aliceSession.dial("127.0.0.1:" + bobSession.localAddress().getPort() + "/7", alice);
            poll(bobEvents.incoming);
            assertEquals(CallState.RINGING_OUT, alice.next());
            outgoing.hangup();
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) alice.next()).kind());
            assertEquals(EndReason.Kind.CANCELLED, ((EndReason) bobEvents.incomingListener.next()).kind());
        }
    }

    @Test
    void badAddressesAreRefusedWithAReason() throws Exception {
        try (Iax2Session session = session("alice", new Recorders.Session(), new LinkedBlockingQueue<>())) {
            IllegalArgumentException noServer = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> session.dial("601", new Recorders.Call()));
            assertTrue(noServer.getMessage().contains("no server"), noServer.getMessage());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> session.dial("example.com/601", new Recorders.Call()));
        }
    }

    @Test
    void signallingSurvivesLossAndReorderingOnTheWay() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        Recorders.Call bob = bobEvents.incomingListener;
        try (Iax2Session aliceSession = session("alice", new Recorders.Session(), new LinkedBlockingQueue<>());
                Iax2Session bobSession = session("bob", bobEvents, new LinkedBlockingQueue<>());
                LossyRelay relay = new LossyRelay(bobSession.localAddress(), 0.2, 0.2, 5456)) {
            CallLeg outgoing = aliceSession.dial("127.0.0.1:" + relay.port() + "/100", alice);
            CallLeg incoming = poll(bobEvents.incoming);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            assertEquals(CallState.CONNECTED, bob.until(CallState.CONNECTED).getLast());
            outgoing.capability(Dtmf.class).orElseThrow().send("0123456789");
            assertEquals("0123456789", bob.digits(10), "every digit once and in order");
            outgoing.hangup();
            assertEquals(EndReason.Kind.LOCAL_HANGUP, ((EndReason) alice.until(EndReason.class).getLast()).kind());
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) bob.until(EndReason.class).getLast()).kind());
            assertTrue(relay.dropped.get() > 3 && relay.reordered.get() > 3,
                    "the relay dropped " + relay.dropped + " and reordered " + relay.reordered);
        }
    }

    @Test
    void closingTheAccountHangsUpItsCalls() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session bobSession = session("bob", bobEvents, new LinkedBlockingQueue<>())) {
            Iax2Session aliceSession = session("alice", new Recorders.Session(), new LinkedBlockingQueue<>());
            aliceSession.dial("127.0.0.1:" + bobSession.localAddress().getPort() + "/100", alice);
            poll(bobEvents.incoming).answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            aliceSession.close();
            assertEquals(new EndReason(EndReason.Kind.LOCAL_HANGUP, "account closed"),
                    alice.until(EndReason.class).getLast());
            assertEquals(EndReason.Kind.REMOTE_HANGUP,
                    ((EndReason) bobEvents.incomingListener.until(EndReason.class).getLast()).kind());
        }
    }

    @Test
    void textFramesAreChatWithThePeerOfTheCall() throws Exception {
        Recorders.Session aliceEvents = new Recorders.Session();
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        try (Iax2Session aliceSession = session("alice", aliceEvents, new LinkedBlockingQueue<>());
                Iax2Session bobSession = session("bob", bobEvents, new LinkedBlockingQueue<>())) {
            MessageSender aliceChat = aliceSession.capability(MessageSender.class).orElseThrow();
            MessageSender bobChat = bobSession.capability(MessageSender.class).orElseThrow();
            String bobAddress = "127.0.0.1:" + bobSession.localAddress().getPort() + "/100";
            IllegalStateException noCall = assertThrows(IllegalStateException.class,
                    () -> aliceChat.send(bobAddress, "anyone there?"));
            assertTrue(noCall.getMessage().contains("only inside a call"), noCall.getMessage());

            CallLeg outgoing = aliceSession.dial(bobAddress, alice);
            CallLeg incoming = poll(bobEvents.incoming);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());

            Message sent = aliceChat.send(outgoing.remote().address(), "Grüße, Bob ☎");
            assertEquals(new Message(sent.id(), "alice", bobAddress, false, "alice", "Grüße, Bob ☎", sent.timestamp()),
                    sent);
            Message atBob = poll(bobEvents.messages);
            assertEquals(incoming.remote().address(), atBob.peer(), "the chat peer is the call's remote address");
            assertEquals(atBob.peer(), atBob.sender());
            assertEquals("bob", atBob.accountId());
            assertTrue(atBob.incoming());
            assertEquals("Grüße, Bob ☎", atBob.text());

            bobChat.send(incoming.remote().address(), "hello back");
            Message atAlice = poll(aliceEvents.messages);
            assertEquals(bobAddress, atAlice.peer());
            assertEquals("hello back", atAlice.text());

            outgoing.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP,
                    ((EndReason) bobEvents.incomingListener.until(EndReason.class).getLast()).kind());
            assertThrows(IllegalStateException.class, () -> bobChat.send(atAlice.peer(), "gone"));
        }
    }

    @Test
    void aDirectCallerMustAnswerOurChallengeWithTheAccountsPassword() throws Exception {
        Recorders.Session bobEvents = new Recorders.Session();
        try (Iax2Session bobSession = session("bob", "s3cret", bobEvents, new LinkedBlockingQueue<>());
                Iax2Session intruder = session("mallory", "guess", new Recorders.Session(), new LinkedBlockingQueue<>());
                Iax2Session aliceSession = session("alice", "s3cret", new Recorders.Session(),
                        new LinkedBlockingQueue<>())) {
            String bobAddress = "127.0.0.1:" + bobSession.localAddress().getPort() + "/100";
            Recorders.Call refused = new Recorders.Call();
            intruder.dial(bobAddress, refused);
            assertEquals(new EndReason(EndReason.Kind.FAILED, "No authority found"),
                    refused.until(EndReason.class).getLast());
            // bob rejected before telling anyone: the REJECT came after his decision, so nothing rang
            assertEquals(null, bobEvents.incoming.peek(), "no incoming call for a wrong answer");

            Recorders.Call alice = new Recorders.Call();
            CallLeg outgoing = aliceSession.dial(bobAddress, alice);
            CallLeg incoming = poll(bobEvents.incoming);
            assertEquals("alice", incoming.remote().displayName());
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            outgoing.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP,
                    ((EndReason) bobEvents.incomingListener.until(EndReason.class).getLast()).kind());
        }
    }

    @Test
    void anAccountWithoutServerIsRegisteredOnceItsPortIsBoundAndFailsWhenItCannotBind() throws Exception {
        Recorders.Session events = new Recorders.Session();
        try (Iax2Session direct = session("alice", events, new LinkedBlockingQueue<>())) {
            direct.register();
            assertEquals(RegistrationState.REGISTERING, events.next());
            assertEquals(RegistrationState.REGISTERED, events.next());
            int taken = direct.localAddress().getPort();
            Recorders.Session clashing = new Recorders.Session();
            try (Iax2Session second = new Iax2Session(new Account("again", "iax2",
                    Map.of("user", "bob", "port", String.valueOf(taken), "bind", "127.0.0.1")), new char[0], clashing,
                    TestMedia.factory())) {
                second.register();
                assertEquals(RegistrationState.REGISTERING, clashing.next());
                RegistrationState failed = clashing.next();
                assertEquals(RegistrationState.Kind.FAILED, failed.kind());
                assertTrue(failed.reason().contains("cannot bind IAX2 to"), failed.reason());
            }
        }
    }
}

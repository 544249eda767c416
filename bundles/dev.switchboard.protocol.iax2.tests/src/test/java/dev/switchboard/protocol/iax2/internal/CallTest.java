package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.spi.CallLeg;

/** Two of our IAX2 sessions calling each other directly on loopback. */
class CallTest {

    private static Iax2Session session(String user, Recorders.Session listener, BlockingQueue<TestMedia> media) {
        Account account = new Account(user, "iax2", Map.of("user", user, "port", "0", "bind", "127.0.0.1"));
        return new Iax2Session(account, new char[0], listener, TestMedia.factory(media));
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

            BlockingQueue<Character> bobHears = new LinkedBlockingQueue<>();
            BlockingQueue<Character> aliceHears = new LinkedBlockingQueue<>();
            ((Iax2Call) incoming).onDigit(bobHears::add);
            ((Iax2Call) outgoing).onDigit(aliceHears::add);
            outgoing.capability(Dtmf.class).orElseThrow().send("159*#D");
            incoming.capability(Dtmf.class).orElseThrow().send("42");
            assertEquals("159*#D", digits(bobHears, 6));
            assertEquals("42", digits(aliceHears, 2));

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
            BlockingQueue<Character> bobHears = new LinkedBlockingQueue<>();
            ((Iax2Call) incoming).onDigit(bobHears::add);
            outgoing.capability(Dtmf.class).orElseThrow().send("0123456789");
            assertEquals("0123456789", digits(bobHears, 10), "every digit once and in order");
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

    private static String digits(BlockingQueue<Character> heard, int count) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        while (text.length() < count) {
            text.append(poll(heard));
        }
        return text.toString();
    }
}

package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;

/**
 * Our client against the server side of real Asterisk exchanges, replayed from the captures (no
 * IAX2 server is packaged for Debian 12): every frame we send must match what the captured client
 * (Asterisk B, iaxmodem, the probe) sent, byte for byte in the information elements.
 */
class ReplayTest {
    private static final int ASTERISK_A = 4569;

    /** The frames of the exchanges the captured client started from {@code clientPort} (not POKEs). */
    private static Predicate<CaptureFile.CapturedFrame> exchangesOf(String capture, int clientPort) {
        return exchangesOf(capture, clientPort, Set.of(IaxCommand.REGREQ, IaxCommand.REGREL));
    }

    private static Predicate<CaptureFile.CapturedFrame> exchangesOf(String capture, int clientPort,
            Set<Integer> starting) {
        Set<Integer> clientCalls = CaptureFile.read(capture).stream()
                .filter(frame -> frame.sourcePort() == clientPort && frame.destinationCall() == 0
                        && frame.frameType() == FrameType.IAX && starting.contains(frame.subclass()))
                .map(CaptureFile.CapturedFrame::sourceCall).collect(Collectors.toSet());
        return frame -> frame.packetType() == 1 && (frame.sourcePort() == clientPort
                && clientCalls.contains(frame.sourceCall())
                || frame.sourcePort() == ASTERISK_A && frame.destinationPort() == clientPort
                        && clientCalls.contains(frame.destinationCall()));
    }

    private static Iax2Session session(String user, String password, ReplayPeer server, Recorders.Session listener) {
        Account account = new Account("replay", "iax2", Map.of("user", user, "server", "127.0.0.1:" + server.port(),
                "port", "0", "refresh", "60", "number", "bob"));
        return new Iax2Session(account, password.toCharArray(), listener, TestMedia.factory());
    }

    @Test
    void registersWithCallTokenAndMd5AsAsteriskDoes() throws Exception {
        String capture = "01_register_calltoken_md5_asteriskB";
        Recorders.Session listener = new Recorders.Session();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4571), true);
                Iax2Session session = closing(session("bob", "bob123", server, listener))) {
            session.register();
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.REGISTERED, listener.next());
            assertEquals(List.of(), server.result());
        }
    }

    @Test
    void registersWithMd5WithoutCallTokenAsIaxmodemDoes() throws Exception {
        String capture = "02_register_md5_iaxmodem_alice";
        Recorders.Session listener = new Recorders.Session();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4572), true);
                Iax2Session session = closing(session("alice", "alice123", server, listener))) {
            session.register();
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.REGISTERED, listener.next());
            assertEquals(List.of(), server.result());
        }
    }

    @Test
    void wrongPasswordEndsInFailedWithoutRetrying() throws Exception {
        String capture = "03_register_wrong_password_regrej";
        Recorders.Session listener = new Recorders.Session();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4573), true);
                Iax2Session session = closing(session("alice", "wrongpass", server, listener))) {
            session.register();
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.failed("authentication failed"), listener.next());
            assertEquals(List.of(), server.result());
            assertNull(server.nextWithin(2_000), "no new REGREQ after REGREJ");
        }
    }

    @Test
    void plaintextRegistrationAndReleaseAsTheProbeDid() throws Exception {
        String capture = "18_register_and_regrel_carol_plaintext_no_calltoken";
        Recorders.Session listener = new Recorders.Session();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4574), true);
                Iax2Session session = closing(session("carol", "carol123", server, listener))) {
            session.register();
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.REGISTERED, listener.next());
            session.unregister();
            assertEquals(RegistrationState.UNREGISTERED, listener.next());
            assertEquals(List.of(), server.result());
        }
    }

    @Test
    void busyCallWithCallTokenAndMd5HangsUpAsAsteriskDoes() throws Exception {
        EndReason reason = replayCall("14_call_605_busy", "605");
        assertEquals(EndReason.Kind.BUSY, reason.kind());
    }

    @Test
    void congestionEndsTheCallAsFailed() throws Exception {
        EndReason reason = replayCall("15_call_606_congestion", "606");
        assertEquals(new EndReason(EndReason.Kind.FAILED, "congestion"), reason);
    }

    @Test
    void unknownExtensionIsRejectedWithTheServersCause() throws Exception {
        EndReason reason = replayCall("13_call_unknown_extension_reject", "999");
        assertEquals(EndReason.Kind.FAILED, reason.kind());
        assertEquals("No such context/extension", reason.detail());
    }

    @Test
    void aes128EncryptedCallAsAsteriskEncryptsItIncludingKeyRotation() throws Exception {
        String capture = "10_call_asteriskB_dave_aes128_encrypted_601";
        Recorders.Session listener = new Recorders.Session();
        Recorders.Call call = new Recorders.Call();
        // up to frame 15: AUTHREP (the first encrypted frame), ACCEPT, ANSWER, RTKEY, a voice frame
        // under the rotated key and our ACK of it; after that the captured client sent voice
        Predicate<CaptureFile.CapturedFrame> exchange = exchangesOf(capture, 4571, Set.of(IaxCommand.NEW));
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchange.and(frame -> frame.number() <= 15), false)
                .encryptedFrom(5, "623547677", "dave123");
                Iax2Session session = new Iax2Session(new Account("enc", "iax2", Map.of("user", "dave",
                        "server", "127.0.0.1:" + server.port(), "port", "0", "encryption", "aes128")),
                        "dave123".toCharArray(), listener, TestMedia.factory())) {
            session.dial("601", call);
            assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
            assertEquals(List.of(), server.result());
        }
    }

    @Test
    void dtmfBothWaysAsAsteriskSentAndTookIt() throws Exception {
        String capture = "06_call_asteriskB_to_602_calltoken_md5_dtmf_both_ways";
        Recorders.Session listener = new Recorders.Session();
        Recorders.Call call = new Recorders.Call();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4571, Set.of(IaxCommand.NEW)),
                false);
                Iax2Session session = session("bob", "bob123", server, listener)) {
            dev.switchboard.core.spi.CallLeg leg = session.dial("602", call);
            assertEquals(CallState.CONNECTED, call.until(CallState.CONNECTED).getLast());
            // the server's 16 key presses (DTMF_BEGIN/END pairs), each reported once, when it ends
            assertEquals("1234567890*#ABCD", call.digits(16));
            // then the captured client pressed 4, 3, 2, 1: ours must send the same frames
            leg.capability(dev.switchboard.core.call.capability.Dtmf.class).orElseThrow().send("4321");
            assertEquals(EndReason.Kind.REMOTE_HANGUP, ((EndReason) call.until(EndReason.class).getLast()).kind());
            assertEquals(List.of(), server.result());
        }
    }

    private static EndReason replayCall(String capture, String number) throws Exception {
        Recorders.Session listener = new Recorders.Session();
        Recorders.Call call = new Recorders.Call();
        try (ReplayPeer server = new ReplayPeer(capture, ASTERISK_A, exchangesOf(capture, 4571, Set.of(IaxCommand.NEW)), false);
                Iax2Session session = closing(session("bob", "bob123", server, listener))) {
            session.dial(number, call);
            List<Object> events = call.until(EndReason.class);
            Object last = events.getLast();
            assertEquals(List.of(), server.result());
            if (!(last instanceof EndReason reason)) {
                throw new AssertionError("call did not end: " + events);
            }
            for (Object event : events.subList(0, events.size() - 1)) {
                assertEquals(CallState.class, event.getClass(), "only states before the end: " + events);
            }
            return reason;
        }
    }

    private static Iax2Session closing(Iax2Session session) {
        return session;
    }
}

package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.Sipp;

/**
 * Call signalling and SDP against SIPp scenarios (what baresip cannot be made to do on cue): early media, busy,
 * CANCEL, remote hold by re-INVITE, blind transfer with REFER and NOTIFY sipfrag, re-INVITE glare (491).
 * The session's outbound proxy is SIPp itself, so no registrar is involved.
 */
class SipCallIT {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private Path scenario(String name) throws IOException {
        try (InputStream in = SipCallIT.class.getResourceAsStream("scenarios/" + name)) {
            if (in == null) {
                throw new AssertionError("scenario " + name + " missing from the test bundle");
            }
            Path file = directory.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    private Sipp uas(String name) throws IOException {
        return Sipp.builder().scenario(scenario(name)).remote("127.0.0.1", 9).timeout(SCENARIO_TIMEOUT).start();
    }

    /** SIPp as the caller, running {@code name} against our session listening on UDP {@code port}. */
    private Sipp uac(String name, int port) throws IOException {
        return Sipp.builder().scenario(scenario(name)).remote("127.0.0.1", port).service("alice")
                .timeout(SCENARIO_TIMEOUT).start();
    }

    /** Answers every incoming call at once and reports its events to {@code call}. */
    private static void answerIncomingCalls(RecordingSessionListener session, RecordingCallListener call) {
        session.onIncomingCall(leg -> {
            leg.answer();
            return call;
        });
    }

    private static ClosingSession sessionVia(int sippPort, RecordingSessionListener listener, String... extra)
            throws Exception {
        // no sound card in CI: calls here run on the null audio device
        String[] settings = new String[extra.length + 6];
        settings[0] = "proxy";
        settings[1] = "127.0.0.1:" + sippPort;
        settings[2] = "capture";
        settings[3] = "null:";
        settings[4] = "playback";
        settings[5] = "null:";
        System.arraycopy(extra, 0, settings, 6, extra.length);
        Account account = SipPlugin.account("call", "alice", "127.0.0.1", "127.0.0.1:" + sippPort, settings);
        return new ClosingSession(SipPlugin.provider().open(account, "alice123".toCharArray(), listener));
    }

    private static void assertScenarioPassed(Sipp sipp) {
        Sipp.Result result = sipp.awaitExit(STEP);
        assertEquals(0, result.exitCode(), "SIPp scenario failed; messages:\n" + result.messages());
    }

    @Test
    void outgoingCallRingsWithEarlyMediaIsAnsweredAndHungUp() throws Exception {
        try (Sipp sipp = uas("uas-answer.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            call.await(CallState.RINGING_OUT, STEP);
            call.await(CallState.CONNECTED, STEP);
            assertEquals("PCMU/8000", call.codec());
            assertEquals("PCMU/8000", leg.codec().orElseThrow());
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void busyCalleeEndsTheCallAsBusy() throws Exception {
        try (Sipp sipp = uas("uas-busy.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            EndReason end = call.awaitEnd(STEP);
            assertEquals(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"), end);
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void hangingUpWhileRingingCancels() throws Exception {
        try (Sipp sipp = uas("uas-cancelled.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            call.await(CallState.RINGING_OUT, STEP);
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void blindTransferFollowsTheNotifiedProgress() throws Exception {
        try (Sipp sipp = uas("uas-refer.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            call.await(CallState.CONNECTED, STEP);
            leg.capability(Transfer.class).orElseThrow().transfer("carol");
            call.await(CallState.TRANSFERRING, STEP);
            assertEquals(EndReason.of(EndReason.Kind.TRANSFERRED), call.awaitEnd(STEP));
            assertScenarioPassed(sipp);
        }
    }

    /**
     * The transferee reports only "100 Trying" in a 4 s subscription and refuses its refresh: when the subscription
     * runs out the transfer has failed and the call is back to CONNECTED (not stuck in TRANSFERRING).
     */
    @Test
    void aTransferWithoutOutcomeEndsWithItsSubscription() throws Exception {
        try (Sipp sipp = uas("uas-refer-expiry.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            call.await(CallState.CONNECTED, STEP);
            leg.capability(Transfer.class).orElseThrow().transfer("carol");
            call.await(CallState.TRANSFERRING, STEP);
            long start = System.nanoTime();
            call.await(CallState.CONNECTED, STEP);
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited >= 3000, "back to CONNECTED after " + waited + " ms, before the 4 s subscription ended");
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void crossingReInviteIsRetriedAfter491() throws Exception {
        try (Sipp sipp = uas("uas-glare.xml");
                ClosingSession closing = sessionVia(sipp.localPort(), new RecordingSessionListener())) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = closing.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
            call.await(CallState.CONNECTED, STEP);
            leg.capability(Hold.class).orElseThrow().hold();
            // the retry waits 2.1-4 s (RFC 3261 section 14.1)
            call.await(CallState.ON_HOLD, Duration.ofSeconds(8));
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    /** RFC 5630: a sips: request that arrived over UDP is refused 416, and no call is offered. */
    @Test
    void aSipsRequestOverUdpIsRefused() throws Exception {
        int port = freeUdpPort();
        RecordingSessionListener session = new RecordingSessionListener();
        try (ClosingSession closing = sessionVia(9, session, "localport", Integer.toString(port));
                Sipp sipp = uac("uac-sips-over-udp.xml", port)) {
            assertScenarioPassed(sipp);
            assertThrows(AssertionError.class, () -> session.awaitIncomingCall(Duration.ofMillis(200)));
        }
    }

    @Test
    void incomingCallIsAnsweredAndShowsRemoteHold() throws Exception {
        int port = freeUdpPort();
        RecordingSessionListener session = new RecordingSessionListener();
        RecordingCallListener call = new RecordingCallListener();
        answerIncomingCalls(session, call);
        try (ClosingSession closing = sessionVia(9, session, "localport", Integer.toString(port));
                Sipp sipp = uac("uac-remote-hold.xml", port)) {
            CallLeg leg = session.awaitIncomingCall(STEP);
            assertTrue(leg.remote().address().startsWith("sip:sipp@127.0.0.1"), leg.remote().toString());
            assertEquals("SIPp Caller", leg.remote().displayName());
            call.await(CallState.CONNECTED, STEP);
            call.await(CallState.REMOTE_HOLD, STEP);
            assertEquals(EndReason.of(EndReason.Kind.REMOTE_HANGUP), call.awaitEnd(STEP));
            assertScenarioPassed(sipp);
        }
    }

    /**
     * RFC 4028 as the UAS (scenario {@code uac-session-timer.xml} checks the wire): a requested 60 s interval is refused
     * 422 with Min-SE 90 and offers no call; the retry's 90 s with refresher=uac is agreed in the 200 with Require:
     * timer; the caller's refresh by UPDATE is answered with the interval again.
     */
    @Test
    void incomingSessionTimerIsAgreedAndRefreshedByTheCaller() throws Exception {
        int port = freeUdpPort();
        RecordingSessionListener session = new RecordingSessionListener();
        RecordingCallListener call = new RecordingCallListener();
        answerIncomingCalls(session, call);
        try (ClosingSession closing = sessionVia(9, session, "localport", Integer.toString(port));
                Sipp sipp = uac("uac-session-timer.xml", port)) {
            session.awaitIncomingCall(STEP);
            call.await(CallState.CONNECTED, STEP);
            assertEquals(EndReason.of(EndReason.Kind.REMOTE_HANGUP), call.awaitEnd(STEP));
            assertScenarioPassed(sipp);
            assertThrows(AssertionError.class, () -> session.awaitIncomingCall(Duration.ofMillis(200)),
                    "the INVITE refused with 422 must not be offered as a call");
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}

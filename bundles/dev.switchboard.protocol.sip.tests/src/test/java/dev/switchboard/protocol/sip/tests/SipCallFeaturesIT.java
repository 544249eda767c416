package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.HookFlash;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.testing.peers.Sipp;

/**
 * Call features against SIPp scenarios: DTMF and hook flash by SIP INFO both ways, session timers (refresh by UPDATE,
 * expiry, 422), 302 redirect, a malformed provisional and an unusable SDP answer, remote hold by UPDATE, mute and the
 * quality indicator. The session's outbound proxy is SIPp itself.
 */
class SipCallFeaturesIT {

    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private Sipp uas(String name) throws IOException {
        Path file = directory.resolve(name);
        try (InputStream in = SipCallFeaturesIT.class.getResourceAsStream("scenarios/" + name)) {
            if (in == null) {
                throw new AssertionError("scenario " + name + " missing from the test bundle");
            }
            Files.copy(in, file);
        }
        return Sipp.builder().scenario(file).remote("127.0.0.1", 9).timeout(SCENARIO_TIMEOUT).start();
    }

    private static ClosingSession sessionVia(Sipp sipp, String... extra) throws Exception {
        String[] settings = new String[extra.length + 6];
        System.arraycopy(new String[] { "proxy", "127.0.0.1:" + sipp.localPort(), "capture", "null:", "playback",
                "null:" }, 0, settings, 0, 6);
        System.arraycopy(extra, 0, settings, 6, extra.length);
        Account account = SipPlugin.account("features", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                settings);
        return new ClosingSession(SipPlugin.provider().open(account, "alice123".toCharArray(),
                new RecordingSessionListener()));
    }

    private static CallLeg dial(ClosingSession session, Sipp sipp, RecordingCallListener call) {
        return session.session().dial("sip:bob@127.0.0.1:" + sipp.localPort(), call);
    }

    private static void assertScenarioPassed(Sipp sipp) {
        Sipp.Result result = sipp.awaitExit(STEP);
        assertEquals(0, result.exitCode(), "SIPp scenario failed; messages:\n" + result.messages());
    }

    @Test
    void dtmfAndHookFlashTravelAsSipInfoBothWays() throws Exception {
        try (Sipp sipp = uas("uas-info-dtmf.xml"); ClosingSession session = sessionVia(sipp, "dtmf", "info")) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            leg.capability(Dtmf.class).orElseThrow().send("1");
            leg.capability(HookFlash.class).orElseThrow().flash();
            call.awaitDtmf('5', STEP);
            call.awaitDtmf('#', STEP);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, call.awaitEnd(STEP).kind());
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void theCallerRefreshesTheSessionByUpdateAtHalfTheInterval() throws Exception {
        try (Sipp sipp = uas("uas-session-refresh.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            // the scenario hangs up after the second refresh (at about 4 s); an expired session would end it first
            assertEquals(EndReason.Kind.REMOTE_HANGUP, call.awaitEnd(Duration.ofSeconds(10)).kind(),
                    call.history().toString());
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void anUnrefreshedSessionIsEndedWithBye() throws Exception {
        try (Sipp sipp = uas("uas-session-expiry.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            EndReason end = call.awaitEnd(STEP);
            assertEquals(new EndReason(EndReason.Kind.FAILED, "the session expired: no refresh within 3 s"), end);
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void aSessionIntervalTooSmallIsRetriedWithTheServersMinimum() throws Exception {
        try (Sipp sipp = uas("uas-interval-too-small.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void aRedirectIsFollowedToItsContact() throws Exception {
        try (Sipp sipp = uas("uas-redirect.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            assertTrue(leg.remote().address().startsWith("sip:carol@"), leg.remote().toString());
            leg.hangup();
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void malformedResponsesNeitherCrashNorConnect() throws Exception {
        try (Sipp sipp = uas("uas-malformed-answer.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            dial(session, sipp, call);
            EndReason end = call.awaitEnd(STEP);
            assertEquals(EndReason.Kind.FAILED, end.kind());
            assertTrue(end.detail().startsWith("unusable SDP answer"), end.detail());
            assertFalse(call.history().contains(CallState.CONNECTED), call.history().toString());
            assertScenarioPassed(sipp);
        }
    }

    @Test
    void updateOffersHoldAndResumeTheCallAndMuteIsLocal() throws Exception {
        try (Sipp sipp = uas("uas-update-hold.xml"); ClosingSession session = sessionVia(sipp)) {
            RecordingCallListener call = new RecordingCallListener();
            CallLeg leg = dial(session, sipp, call);
            call.await(CallState.CONNECTED, STEP);
            Mute mute = leg.capability(Mute.class).orElseThrow();
            mute.mute();
            QualityIndicator quality = leg.capability(QualityIndicator.class).orElseThrow();
            call.await(CallState.REMOTE_HOLD, STEP);
            call.await(CallState.CONNECTED, STEP);
            assertTrue(mute.muted());
            assertTrue(quality.rating() != null);
            assertEquals(EndReason.Kind.REMOTE_HANGUP, call.awaitEnd(STEP).kind());
            assertScenarioPassed(sipp);
        }
    }
}

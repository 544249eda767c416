package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.Conference;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.Record;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * Three parties through Kamailio: our sessions alice, bob and carol, and baresip. Attended transfer (REFER with
 * Replaces, INVITE with Replaces, NOTIFY sipfrag) among three of our sessions; a blind transfer to an unreachable
 * target (the failure NOTIFY returns both calls to hold); blind transfer by baresip (we are the transferee); RFC 4733 DTMF from baresip, recording and a local 3-way conference mixing baresip's tone to carol.
 */
class SipThreePartyIT {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final double TONE_HZ = 440;
    /**
     * The tone must stand 25 dB above the rest: what we play of baresip's tone measures ~39-40 dB (16 dB at 446 Hz
     * before the jitter buffer learnt to step over baresip's interleaved RFC 4733 packets; silence or noise ~0 dB).
     */
    private static final double MIN_TONE_DB = 25;

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension.of(() -> Kamailio.builder().user("alice", "alice123")
            .user("bob", "bob123").user("carol", "carol123").user("dave", "dave123").start());

    @TempDir
    Path directory;

    /** One of our sessions as user {@code name} (password name123), registered, on file or null devices. */
    private static ClosingSession register(String name, RecordingSessionListener listener, String... devices)
            throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        String[] settings = devices.length > 0 ? devices : new String[] { "capture", "null:", "playback", "null:" };
        Account account = SipPlugin.account(name, name, kamailio.domain(), kamailio.host() + ":" + kamailio.port(),
                settings);
        ClosingSession session = new ClosingSession(SipPlugin.provider().open(account,
                (name + "123").toCharArray(), listener));
        session.session().register();
        listener.await(RegistrationState.Kind.REGISTERED, STEP);
        kamailio.awaitContacts(name, STEP);
        return session;
    }

    private static RecordingSessionListener answering(RecordingCallListener call) {
        RecordingSessionListener listener = new RecordingSessionListener();
        listener.onIncomingCall(leg -> {
            leg.answer();
            return call;
        });
        return listener;
    }

    @Test
    void attendedTransferJoinsBobAndCarolAndTakesAliceOut() throws Exception {
        RecordingCallListener bobsCall = new RecordingCallListener();
        RecordingCallListener carolsCall = new RecordingCallListener();
        RecordingSessionListener bobListener = answering(bobsCall);
        RecordingSessionListener carolListener = answering(carolsCall);
        try (ClosingSession alice = register("alice", new RecordingSessionListener());
                ClosingSession bob = register("bob", bobListener);
                ClosingSession carol = register("carol", carolListener)) {
            RecordingCallListener toBob = new RecordingCallListener();
            CallLeg aliceToBob = alice.session().dial("bob", toBob);
            toBob.await(CallState.CONNECTED, STEP);
            CallLeg bobsLeg = bobListener.awaitIncomingCall(STEP);
            bobsCall.await(CallState.CONNECTED, STEP);

            RecordingCallListener toCarol = new RecordingCallListener();
            CallLeg aliceToCarol = alice.session().dial("carol", toCarol);
            toCarol.await(CallState.CONNECTED, STEP);
            CallLeg carolsLeg = carolListener.awaitIncomingCall(STEP);
            carolsCall.await(CallState.CONNECTED, STEP);

            aliceToBob.capability(AttendedTransfer.class).orElseThrow().transfer(new LegCall(aliceToCarol));
            toBob.await(CallState.TRANSFERRING, STEP);
            assertEquals(EndReason.of(EndReason.Kind.TRANSFERRED), toBob.awaitEnd(STEP));
            assertEquals(EndReason.of(EndReason.Kind.TRANSFERRED), toCarol.awaitEnd(STEP));
            // bob was transferred: his call goes on, now with carol, whose call now has bob at the far end
            bobsCall.await(CallState.TRANSFERRING, STEP);
            bobsCall.awaitRemote("sip:carol@", STEP);
            bobsCall.await(CallState.CONNECTED, STEP);
            assertTrue(bobsLeg.remote().address().startsWith("sip:carol@"), bobsLeg.remote().toString());
            // carol's call keeps its state: the change of far end is reported on its own, for the core to show
            carolsCall.awaitRemote("sip:bob@", STEP);
            assertTrue(carolsLeg.remote().address().startsWith("sip:bob@"), carolsLeg.remote().toString());
            assertTrue(carolsCall.history().stream().noneMatch(EndReason.class::isInstance),
                    carolsCall.history().toString());

            bobsLeg.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, carolsCall.awaitEnd(STEP).kind());
        }
    }

    @Test
    void aTransferToAnUnreachableTargetLeavesBothOnHoldAsBefore() throws Exception {
        RecordingCallListener bobsCall = new RecordingCallListener();
        RecordingSessionListener bobListener = answering(bobsCall);
        try (ClosingSession alice = register("alice", new RecordingSessionListener());
                ClosingSession bob = register("bob", bobListener)) {
            RecordingCallListener toBob = new RecordingCallListener();
            CallLeg aliceToBob = alice.session().dial("bob", toBob);
            toBob.await(CallState.CONNECTED, STEP);
            CallLeg bobsLeg = bobListener.awaitIncomingCall(STEP);
            aliceToBob.capability(Hold.class).orElseThrow().hold();
            toBob.await(CallState.ON_HOLD, STEP);
            bobsCall.await(CallState.REMOTE_HOLD, STEP);
            // dave has an account at the registrar but is not registered: the proxy refuses bob's INVITE
            aliceToBob.capability(Transfer.class).orElseThrow().transfer("dave");
            toBob.await(CallState.TRANSFERRING, STEP);
            bobsCall.await(CallState.TRANSFERRING, STEP);
            toBob.await(CallState.ON_HOLD, STEP);
            bobsCall.await(CallState.REMOTE_HOLD, STEP);
            assertTrue(bobsLeg.remote().address().startsWith("sip:alice@"), bobsLeg.remote().toString());
            aliceToBob.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, bobsCall.awaitEnd(STEP).kind());
        }
    }

    @Test
    void baresipTransfersUsBlindlyToCarol() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        RecordingCallListener alicesCall = new RecordingCallListener();
        RecordingCallListener carolsCall = new RecordingCallListener();
        RecordingSessionListener aliceListener = answering(alicesCall);
        RecordingSessionListener carolListener = answering(carolsCall);
        try (Baresip dave = Baresip.builder().account("dave", "dave123", kamailio).start();
                ClosingSession alice = register("alice", aliceListener);
                ClosingSession carol = register("carol", carolListener)) {
            kamailio.awaitContacts("dave", STEP);
            dave.command("/dial sip:alice@" + kamailio.domain());
            CallLeg alicesLeg = aliceListener.awaitIncomingCall(STEP);
            alicesCall.await(CallState.CONNECTED, STEP);
            dave.command("/transfer sip:carol@" + kamailio.domain());
            alicesCall.await(CallState.TRANSFERRING, STEP);
            alicesCall.await(CallState.CONNECTED, STEP);
            carolsCall.await(CallState.CONNECTED, STEP);
            assertTrue(alicesLeg.remote().address().startsWith("sip:carol@"), alicesLeg.remote().toString());
            alicesLeg.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, carolsCall.awaitEnd(STEP).kind());
        }
    }

    @Test
    void baresipsKeysReachUsTheCallIsRecordedAndMergedWithCarol() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        Path carolHears = directory.resolve("carol-hears.wav");
        Path recording = directory.resolve("recording.wav");
        RecordingCallListener carolsCall = new RecordingCallListener();
        RecordingSessionListener carolListener = answering(carolsCall);
        try (Baresip dave = Baresip.builder().account("dave", "dave123", kamailio).start();
                ClosingSession alice = register("alice", new RecordingSessionListener(), "capture", "null:",
                        "playback", "null:", "codecs", "PCMU");
                ClosingSession carol = register("carol", carolListener, "capture", "null:", "playback",
                        "file:" + carolHears, "codecs", "PCMU")) {
            kamailio.awaitContacts("dave", STEP);
            RecordingCallListener toDave = new RecordingCallListener();
            CallLeg aliceToDave = alice.session().dial("dave", toDave);
            toDave.await(CallState.CONNECTED, STEP);

            // RFC 4733 from baresip, reported once per key
            dave.command("/sndcode 159");
            toDave.awaitDtmf('1', STEP);
            toDave.awaitDtmf('5', STEP);
            toDave.awaitDtmf('9', STEP);

            Record record = aliceToDave.capability(Record.class).orElseThrow();
            record.start(recording);
            assertTrue(record.recording());
            ToneCheck.awaitAudio(recording, 8000, 2, STEP);
            record.stop();
            ToneCheck.assertTone(recording, TONE_HZ, MIN_TONE_DB, "recording of baresip's tone");

            RecordingCallListener toCarol = new RecordingCallListener();
            CallLeg aliceToCarol = alice.session().dial("carol", toCarol);
            toCarol.await(CallState.CONNECTED, STEP);
            carolsCall.await(CallState.CONNECTED, STEP);
            ToneCheck.awaitAudio(carolHears, 8000, 1, STEP);
            long beforeMerge = java.nio.file.Files.size(carolHears);

            aliceToDave.capability(Conference.class).orElseThrow().merge(new LegCall(aliceToCarol));
            // carol now hears dave through alice's mix: two more seconds of her playback carry the tone
            ToneCheck.awaitAudio(carolHears, 8000, (beforeMerge - 44) / 16000.0 + 2.5, STEP);
            ToneCheck.assertTone(carolHears, TONE_HZ, MIN_TONE_DB, "carol hearing baresip through the conference");

            QualityIndicator quality = aliceToDave.capability(QualityIndicator.class).orElseThrow();
            System.out.println("SIP quality of alice's call with baresip: " + quality.rating() + " " + quality.detail());
            aliceToDave.hangup();
            aliceToCarol.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, carolsCall.awaitEnd(STEP).kind());
        }
    }
}

package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.testing.await.Poll;
import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * Recorded speech both ways at once through Kamailio, baresip at the far end, for each codec both sides have: baresip
 * calls us with the speech file as its microphone, we answer with the same file as ours; each side records what it
 * hears, and each recording must match the source with a segmental SNR fitting the codec (waveform codecs high, Opus
 * lower as it does not keep the waveform).
 */
class SipSpeechIT {

    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech",
            "../shared/peers/audio/speech8k.wav")).toAbsolutePath();

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @TempDir
    Path directory;

    /** G.711 keeps speech at about 37 dB (measured 37.2-37.7 dB both ways). */
    @Test
    void pcmuBothWays() throws Exception {
        speechBothWays("PCMU", "PCMU", 30, 30);
    }

    @Test
    void pcmaBothWays() throws Exception {
        speechBothWays("PCMA", "PCMA", 30, 30);
    }

    /**
     * G.722: ours to baresip 26.5 dB; baresip's to us only 7.7 dB in the same run: baresip's own stream carries almost
     * nothing above ~1.5 kHz (its 8 to 16 kHz resampler; ffmpeg decodes the same packets to 7.8 dB), so that direction
     * is held to what baresip sends.
     */
    @Test
    void g722BothWays() throws Exception {
        speechBothWays("G722", "G722/16000/1", 5, 20);
    }

    /** Opus does not keep the waveform: 17.5-18.4 dB (to us) and 11.7 dB (to baresip) measured. */
    @Test
    void opusBothWays() throws Exception {
        speechBothWays("opus", "opus/48000/2", 15, 9);
    }

    private void speechBothWays(String codec, String baresipCodec, double minimumToUs, double minimumToBaresip)
            throws Exception {
        assertTrue(Files.isReadable(SPEECH), "speech file missing: " + SPEECH);
        short[] source = SpeechComparison.read(SPEECH).samples();
        Kamailio kamailio = KAMAILIO.get();
        Path heard = directory.resolve("heard-" + codec + ".wav");
        try (Baresip bob = Baresip.builder().account("bob", "bob123", kamailio).audioCodecs(baresipCodec)
                .audioSource(SPEECH).recordCalls().start()) {
            RecordingSessionListener session = new RecordingSessionListener();
            RecordingCallListener call = new RecordingCallListener();
            session.onIncomingCall(leg -> {
                leg.answer();
                return call;
            });
            Account account = SipPlugin.account("speech-" + codec, "alice", kamailio.domain(),
                    kamailio.host() + ":" + kamailio.port(), "capture", "file:" + SPEECH, "playback", "file:" + heard,
                    "codecs", codec);
            try (ClosingSession alice = new ClosingSession(SipPlugin.provider().open(account,
                    "alice123".toCharArray(), session))) {
                alice.session().register();
                session.await(RegistrationState.Kind.REGISTERED, STEP);
                kamailio.awaitContacts("alice", STEP);
                bob.command("/dial sip:alice@" + kamailio.domain());
                CallLeg leg = session.awaitIncomingCall(STEP);
                call.await(CallState.CONNECTED, STEP);
                assertTrue(leg.codec().orElseThrow().toLowerCase().startsWith(codec.toLowerCase()),
                        leg.codec().toString());
                // the call row's meters: our microphone (the speech file) and our speaker (baresip's) both move
                AudioLevelMeter meter = leg.capability(AudioLevelMeter.class).orElseThrow();
                Poll.until(() -> meter.levels().microphoneDbfs() > -35, STEP, "our microphone meter above -35 dBFS");
                Poll.until(() -> meter.levels().speakerDbfs() > -35, STEP, "our speaker meter above -35 dBFS");
                // baresip hangs up when its file has played
                assertEquals(EndReason.Kind.REMOTE_HANGUP, call.awaitEnd(Duration.ofSeconds(20)).kind());
            }
            Path baresipHeard = newest(bob.recordings(), "-dec.wav").orElseThrow(
                    () -> new AssertionError("baresip recorded nothing in " + bob.recordings()));
            double ours = SpeechComparison.snr(source, SpeechComparison.read(heard));
            double theirs = SpeechComparison.snr(source, SpeechComparison.read(baresipHeard));
            System.out.printf("speech over %s: baresip to us %.1f dB, us to baresip %.1f dB%n", codec, ours, theirs);
            assertTrue(ours >= minimumToUs, codec + ": what we heard of baresip's speech, SNR " + ours + " dB");
            assertTrue(theirs >= minimumToBaresip, codec + ": what baresip heard of our speech, SNR " + theirs + " dB");
        }
    }

    private static Optional<Path> newest(Path directory, String suffix) throws IOException {
        // the recorder finishes its file when the call ends, moments after our side saw the BYE
        long deadline = System.nanoTime() + STEP.toNanos();
        while (true) {
            try (Stream<Path> files = Files.list(directory)) {
                Optional<Path> found = files.filter(file -> file.getFileName().toString().endsWith(suffix))
                        .max(Comparator.comparing(Path::toString));
                if (found.isPresent() && Files.size(found.get()) > 44 + 16_000 || System.nanoTime() > deadline) {
                    return found;
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}

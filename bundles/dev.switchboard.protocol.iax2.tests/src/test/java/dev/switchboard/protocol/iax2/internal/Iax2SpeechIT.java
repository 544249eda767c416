package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.internal.Wav;
import dev.switchboard.testing.audio.SpeechQuality;
import dev.switchboard.testing.await.Poll;

/**
 * Speech across an IAX2 call between two of our accounts on loopback, through the installed
 * {@code iax2} provider service and the media engine's framed sessions with file devices: what one
 * side's microphone file says must come out of the other side's speaker file at the codec's quality.
 */
class Iax2SpeechIT {
    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech", "../shared/peers/audio/speech8k.wav"));

    @TempDir
    Path directory;

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Iax2SpeechIT.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        if (service == null) {
            throw new AssertionError("no " + type.getSimpleName() + " service within 10 s");
        }
        return service;
    }

    /** The speech file as the sending side's file device delivers it at {@code rate}. */
    private static short[] reference(int rate) throws Exception {
        try (CaptureStream stream = service(AudioDevices.class).openCapture("file:" + SPEECH, rate, rate / 50)) {
            List<short[]> frames = new ArrayList<>();
            short[] frame = new short[rate / 50];
            while (stream.read(frame, 0, frame.length) > 0) {
                frames.add(frame.clone());
            }
            short[] all = new short[frames.size() * frame.length];
            for (int i = 0; i < frames.size(); i++) {
                System.arraycopy(frames.get(i), 0, all, i * frame.length, frame.length);
            }
            return all;
        }
    }

    private static ProtocolProvider iax2Provider() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Iax2SpeechIT.class).getBundleContext();
        ServiceTracker<ProtocolProvider, ProtocolProvider> tracker = new ServiceTracker<>(context,
                ProtocolProvider.class, null);
        tracker.open();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (ProtocolProvider provider : tracker.getServices(new ProtocolProvider[0])) {
                if (provider.protocol().equals("iax2")) {
                    return provider;
                }
            }
            tracker.waitForService(200);
        }
        throw new AssertionError("no iax2 ProtocolProvider service within 10 s");
    }

    @Test
    void speechArrivesAtTheCodecsQualityThroughTheInstalledProvider() throws Exception {
        ProtocolProvider provider = iax2Provider();
        Path heard = directory.resolve("bob-hears.wav");
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        Iax2Session bob = (Iax2Session) provider.open(new Account("bob", "iax2", Map.of("user", "bob", "port", "0",
                "audio.in", "null:", "audio.out", "file:" + heard)), new char[0], bobEvents);
        Iax2Session aliceSession = (Iax2Session) provider.open(new Account("alice", "iax2", Map.of("user", "alice",
                "port", "0", "audio.in", "file:" + SPEECH, "audio.out", "null:")), new char[0], new Recorders.Session());
        try {
            aliceSession.dial("127.0.0.1:" + bob.localAddress().getPort() + "/100", alice);
            Iax2Call incoming = (Iax2Call) bobEvents.incoming.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            // both offer what the media engine offers, G.722 first (its codec preference; Opus is
            // offered too, last, so it is taken only where the other side prefers it)
            assertEquals("G722/8000", incoming.codec().orElseThrow());
            // the call row's meters: bob's speaker shows alice's speech, his null microphone measured silence
            AudioLevelMeter meter = incoming.capability(AudioLevelMeter.class).orElseThrow();
            Poll.until(() -> meter.levels().speakerDbfs() > -35, Duration.ofSeconds(5), "bob's speaker meter above -35 dBFS");
            assertEquals(Double.NEGATIVE_INFINITY, meter.levels().microphoneDbfs(), "bob's microphone: " + meter.levels());
            // the speech file lasts 5.4 s: wait for all of its 20 ms frames and a little silence
            Poll.until(() -> incoming.framesReceived() >= 300, Duration.ofSeconds(20), "300 voice frames at bob");
            // alice's file ended: she sends silence, and bob's speaker meter falls
            Poll.until(() -> meter.levels().speakerDbfs() < -60, Duration.ofSeconds(5), "bob's speaker meter below -60 dBFS");
            // the quality icon's source: the media engine's measurements of what bob received
            QualityIndicator quality = incoming.capability(QualityIndicator.class).orElseThrow();
            System.out.println("IAX2 call quality: " + quality.rating() + ", " + quality.detail());
            assertEquals(QualityIndicator.Rating.GOOD, quality.rating(), quality.detail());
            assertTrue(quality.detail().startsWith("G722/8000, loss 0.0 %"), quality.detail());
            // on hold no audio flows either way: nothing is measured
            incoming.hold();
            Poll.until(() -> meter.levels().equals(AudioLevelMeter.Levels.NONE), Duration.ofSeconds(5), "no levels on hold");
            incoming.hangup();
        } finally {
            aliceSession.close();
            bob.close();
        }
        Wav.Audio audio = Wav.read(heard);
        assertEquals(16_000, audio.sampleRate(), "G.722 plays at 16 kHz");
        // under load the jitter buffer may grow its delay mid-call (seen: 310 ms), so, as for µ-law
        // below, each block is looked for within 500 ms of the overall alignment
        double median = SpeechQuality.segmentalSnr(reference(16_000), audio.samples(), 16_000, 16_000, 16_000 / 2).medianDb();
        System.out.println("IAX2 speech over G.722: median segmental SNR " + median + " dB");
        // the media engine's own G.722 test call measured 34.6 dB on this speech
        assertTrue(median > 25, "median segmental SNR " + median + " dB");
    }

    /**
     * Accounts that name Opus ({@code codecs=opus}) talk it through the engine's Opus codec (IAX2
     * format bit 34 in the 64-bit elements): the speech comes out. Opus keeps the sound, not the
     * waveform (segmental SNR measured 4.1-8.3 dB here under load, 11.7-18.4 dB for SIP with
     * baresip), so what is compared is the loudness envelope: the 20 ms blocks' levels must follow
     * the source's (correlation 0.77-0.91 measured).
     */
    @Test
    void opusSpeechCrossesThroughTheEnginesOpusCodec() throws Exception {
        ProtocolProvider provider = iax2Provider();
        Path heard = directory.resolve("bob-hears-opus.wav");
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        Iax2Session bob = (Iax2Session) provider.open(new Account("bob", "iax2", Map.of("user", "bob", "port", "0",
                "codecs", "opus,PCMU", "audio.in", "null:", "audio.out", "file:" + heard)), new char[0], bobEvents);
        Iax2Session aliceSession = (Iax2Session) provider.open(new Account("alice", "iax2", Map.of("user", "alice",
                "port", "0", "codecs", "opus,PCMU", "audio.in", "file:" + SPEECH, "audio.out", "null:")), new char[0],
                new Recorders.Session());
        try {
            aliceSession.dial("127.0.0.1:" + bob.localAddress().getPort() + "/100", alice);
            Iax2Call incoming = (Iax2Call) bobEvents.incoming.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            assertEquals("opus/48000/2", incoming.codec().orElseThrow());
            Poll.until(() -> incoming.framesReceived() >= 290, Duration.ofSeconds(20), "290 voice frames at bob");
            QualityIndicator quality = incoming.capability(QualityIndicator.class).orElseThrow();
            assertTrue(quality.detail().startsWith("opus/48000/2"), quality.detail());
            incoming.hangup();
        } finally {
            aliceSession.close();
            bob.close();
        }
        Wav.Audio audio = Wav.read(heard);
        assertEquals(48_000, audio.sampleRate(), "Opus plays at 48 kHz");
        // to the source's 8 kHz: a six-sample average (a crude low-pass, enough below 3 kHz where speech is)
        short[] played = audio.samples();
        short[] eightKilohertz = new short[played.length / 6];
        for (int i = 0; i < eightKilohertz.length; i++) {
            int sum = 0;
            for (int j = 0; j < 6; j++) {
                sum += played[6 * i + j];
            }
            eightKilohertz[i] = (short) (sum / 6);
        }
        double correlation = SpeechQuality.envelopeCorrelation(reference(8_000), eightKilohertz, 160, 50);
        System.out.println("IAX2 speech over Opus: loudness envelope correlation " + correlation);
        // silence, noise or chopped audio stay far below; the same speech through Opus is near 1
        assertTrue(correlation > 0.7, "loudness envelope correlation " + correlation);
    }

    @Test
    void muLawSpeechAndSignallingSurviveLossAndReordering() throws Exception {
        ProtocolProvider provider = iax2Provider();
        Path heard = directory.resolve("bob-hears-lossy.wav");
        Recorders.Session bobEvents = new Recorders.Session();
        Recorders.Call alice = new Recorders.Call();
        // both accounts limited to µ-law (the codecs setting), so the reference is the 8 kHz file itself
        Iax2Session bob = (Iax2Session) provider.open(new Account("bob", "iax2", Map.of("user", "bob", "port", "0",
                "codecs", "PCMU", "audio.in", "null:", "audio.out", "file:" + heard)), new char[0], bobEvents);
        Iax2Session aliceSession = (Iax2Session) provider.open(new Account("alice", "iax2", Map.of("user", "alice",
                "port", "0", "codecs", "PCMU", "audio.in", "file:" + SPEECH, "audio.out", "null:")), new char[0],
                new Recorders.Session());
        // 5 % of the datagrams each way lost, 5 % delivered after the next one
        try (LossyRelay relay = new LossyRelay(bob.localAddress(), 0.05, 0.05, 8)) {
            CallLeg outgoing = aliceSession.dial("127.0.0.1:" + relay.port() + "/100", alice);
            Iax2Call incoming = (Iax2Call) bobEvents.incoming.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            incoming.answer();
            assertEquals(CallState.CONNECTED, alice.until(CallState.CONNECTED).getLast());
            assertEquals("PCMU/8000", incoming.codec().orElseThrow());
            // DTMF frames are full frames: retransmitted until acknowledged, each delivered once in order
            outgoing.capability(Dtmf.class).orElseThrow().send("0123456789*#");
            assertEquals("0123456789*#", bobEvents.incomingListener.digits(12));
            Poll.until(() -> incoming.framesReceived() >= 290, Duration.ofSeconds(25), "290 voice frames at bob");
            outgoing.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP,
                    ((EndReason) bobEvents.incomingListener.until(EndReason.class).getLast()).kind());
            assertTrue(relay.dropped.get() > 10 && relay.reordered.get() > 10,
                    "the relay dropped " + relay.dropped + " and reordered " + relay.reordered);
            System.out.println("IAX2 lossy relay: dropped " + relay.dropped + ", reordered " + relay.reordered);
        } finally {
            aliceSession.close();
            bob.close();
        }
        Wav.Audio audio = Wav.read(heard);
        assertEquals(8_000, audio.sampleRate());
        // loss and late frames make the jitter buffer grow its delay mid-call (seen: 200 ms on a busy
        // machine), so each block is looked for within 500 ms of the overall alignment
        double median = SpeechQuality.segmentalSnr(reference(8_000), audio.samples(), 8_000, 8_000, 8_000 / 2).medianDb();
        System.out.println("IAX2 speech over µ-law with 5 % loss and reordering: median segmental SNR " + median + " dB");
        // µ-law is ~37 dB on this speech; lost frames are concealed, most blocks arrive intact
        assertTrue(median > 30, "median segmental SNR " + median + " dB");
    }
}

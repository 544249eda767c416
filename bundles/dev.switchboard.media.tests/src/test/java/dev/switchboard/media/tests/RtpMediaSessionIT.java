package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.internal.Wav;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.ConferenceBridge;
import dev.switchboard.media.session.ConferenceMixer;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;
import dev.switchboard.testing.audio.SpeechQuality;
import dev.switchboard.testing.await.Poll;

/**
 * Media sessions of the OSGi service, two or more on 127.0.0.1, with WAV files as devices and the
 * installed G.711 and G.722 codecs: speech quality, DTMF both ways, a conference, a device switch.
 */
class RtpMediaSessionIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech", "../shared/peers/audio/speech8k.wav"));
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path directory;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** Records what a session reports. */
    private static final class Events implements MediaSessionListener {
        final BlockingQueue<DtmfEvent> digits = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();

        @Override
        public void dtmfReceived(DtmfEvent event) {
            digits.add(event);
        }

        @Override
        public void deviceFailed(String deviceId, String reason) {
            failures.add(deviceId + ": " + reason);
        }
    }

    private RtpMediaSession open(String capture, String playback, MediaSessionListener listener) throws Exception {
        RtpMediaSession session = MediaServices.service(MediaSessionFactory.class).openRtp(
                MediaSessionOptions.of(LOOPBACK, "it@127.0.0.1", new AudioEndpoints(capture, playback)), listener);
        opened.add(session);
        return session;
    }

    private static void connect(RtpMediaSession a, RtpMediaSession b) {
        a.remote(b.localRtpAddress(), b.localRtcpAddress());
        b.remote(a.localRtpAddress(), a.localRtcpAddress());
    }

    private static AudioCodec codec(String name) throws InterruptedException {
        return MediaServices.service(MediaSessionFactory.class).offerable().stream()
                .filter(codec -> codec.info().encodingName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed"));
    }

    private static MediaFormat format(String codecName, int telephoneEvent) throws InterruptedException {
        AudioCodec codec = codec(codecName);
        return new MediaFormat(codec, codec.info().staticPayloadType(), 20, telephoneEvent);
    }

    private static short[] capture(String file, int rate) throws Exception {
        // read through the same file device the sending session used, so the reference has its rate
        try (CaptureStream stream = MediaServices.service(AudioDevices.class).openCapture("file:" + file, rate, rate / 50)) {
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

    @Test
    void speechCrossesPcmuAtG711Quality() throws Exception {
        SpeechQuality.SegmentalSnr snr = speechSnr("PCMU", 8000);
        System.out.println("RtpMediaSession speech over PCMU: " + snr);
        // µ-law's SNR on speech is ~35-38 dB. Blocks where the jitter buffer adapted its delay are bad ones
        assertTrue(snr.medianDb() > 30 && snr.badShare() < 0.25, "PCMU: " + snr);
    }

    @Test
    void speechCrossesG722AtItsQuality() throws Exception {
        SpeechQuality.SegmentalSnr snr = speechSnr("G722", 16000);
        System.out.println("RtpMediaSession speech over G.722: " + snr);
        // G.722 at 64 kbit/s (sub-band ADPCM) measured 34.6 dB on this narrowband speech
        assertTrue(snr.medianDb() > 25 && snr.badShare() < 0.25, "G.722: " + snr);
    }

    private SpeechQuality.SegmentalSnr speechSnr(String codecName, int rate) throws Exception {
        Path received = directory.resolve(codecName + "-received.wav");
        RtpMediaSession speaker = open("file:" + SPEECH, "null:", new Events());
        RtpMediaSession listener = open("null:", "file:" + received, new Events());
        connect(speaker, listener);
        listener.format(format(codecName, TELEPHONE_EVENT));
        speaker.format(format(codecName, TELEPHONE_EVENT));
        int packets = (int) (5.42 * 50) + 20;
        Poll.until(() -> listener.quality().packetsReceived() >= packets, TIMEOUT, packets + " packets of speech");
        MediaQuality quality = listener.quality();
        assertEquals(0, quality.packetsLost());
        assertEquals(MediaQuality.Rating.GOOD, quality.rating(), quality.toString());
        // the speech's last packets are still in the jitter buffer for its delay (~200 ms on a busy machine)
        Poll.until(() -> listener.levels().speakerDbfs() < -60, Duration.ofSeconds(2),
                "the speaker quiet after the speech ends");
        listener.close();
        speaker.close();
        Wav.Audio audio = Wav.read(received);
        assertEquals(rate, audio.sampleRate());
        // each block at its own delay, followed as the jitter buffer moves it (a stall of the loaded machine makes it
        // grow), so the figure is the codec's and a block in which the delay moved is one bad block
        return SpeechQuality.trackedSegmentalSnr(capture(SPEECH.toString(), rate), audio.samples(), rate, 15);
    }

    /**
     * RFC 3389 negotiated (PT 13): speech then two seconds of background noise at -50 dBov. In the pause the speaker
     * sends noise-level packets instead of audio, and the listener plays noise at that level; the speech keeps
     * G.711's quality.
     */
    @Test
    void aPauseGoesAsComfortNoisePacketsAndIsPlayedAtTheirLevel() throws Exception {
        short[] speech = Wav.read(SPEECH).samples();
        int pauseSamples = 2 * 8000;
        short[] talk = java.util.Arrays.copyOf(speech, speech.length + pauseSamples);
        double noiseRms = 32767 * Math.pow(10, -50 / 20.0);
        java.util.Random random = new java.util.Random(7);
        for (int i = speech.length; i < talk.length; i++) {
            talk[i] = (short) Math.round(noiseRms * random.nextGaussian());
        }
        Path source = directory.resolve("speech-then-noise.wav");
        Wav.write(source, new Wav.Audio(8000, 1, talk));
        Path received = directory.resolve("cn-received.wav");
        RtpMediaSession speaker = open("file:" + source, "null:", new Events());
        RtpMediaSession listener = open("null:", "file:" + received, new Events());
        connect(speaker, listener);
        AudioCodec pcmu = codec("PCMU");
        listener.format(new MediaFormat(pcmu, 0, 20, TELEPHONE_EVENT, 13));
        speaker.format(new MediaFormat(pcmu, 0, 20, TELEPHONE_EVENT, 13));
        int frames = talk.length / 160;
        // the listener has played the whole file (and half a second more) once its recording is that long
        long playedBytes = 44 + 2L * (talk.length + 4000);
        Poll.until(() -> received.toFile().length() >= playedBytes, TIMEOUT, "the file played out");
        MediaQuality sent = speaker.quality();
        listener.close();
        speaker.close();
        System.out.println("RtpMediaSession with RFC 3389: " + sent.packetsSent() + " packets for " + frames
                + " frames of speech and background");
        // two seconds of pause less the 200 ms hangover are ~90 frames; a few noise-level packets go instead
        assertTrue(sent.packetsSent() < frames - 70, sent.packetsSent() + " packets sent for " + frames + " frames");

        short[] played = Wav.read(received).samples();
        SpeechQuality.SegmentalSnr snr = SpeechQuality.trackedSegmentalSnr(speech, played, 8000, 15);
        System.out.println("RtpMediaSession speech over PCMU with RFC 3389: " + snr);
        assertTrue(snr.medianDb() > 30 && snr.badShare() < 0.25, "speech with RFC 3389: " + snr);
        // the pause as played: 100 ms blocks at the background's level (fade-in and the last speech aside)
        int noiseBlocks = 0;
        for (int start = 0; start + 800 <= played.length; start += 800) {
            double sum = 0;
            for (int i = start; i < start + 800; i++) {
                sum += (double) played[i] * played[i];
            }
            double dbov = 10 * Math.log10(Math.max(sum / 800, 1e-9) / (32767.0 * 32767.0));
            if (Math.abs(dbov + 50) < 3) {
                noiseBlocks++;
            }
        }
        assertTrue(noiseBlocks >= 12, noiseBlocks + " blocks of 100 ms played at the background's level");
    }

    @Test
    void dtmfBothWaysAsTelephoneEventsAndInBand() throws Exception {
        for (int telephoneEvent : new int[] { TELEPHONE_EVENT, MediaFormat.NO_TELEPHONE_EVENT }) {
            Events aEvents = new Events();
            Events bEvents = new Events();
            RtpMediaSession a = open("null:", "null:", aEvents);
            RtpMediaSession b = open("null:", "null:", bEvents);
            connect(a, b);
            a.format(format("PCMU", telephoneEvent));
            b.format(format("PCMU", telephoneEvent));
            // keys after a second of audio, as an announcement comes first in a real call: in the first few hundred
            // ms the receiving jitter buffer still grows its delay, and a growth (samples repeated with a crossfade)
            // in the middle of a 100 ms in-band key can leave neither part long enough to be a key (missed once)
            Poll.until(() -> a.quality().packetsReceived() > 50 && b.quality().packetsReceived() > 50, TIMEOUT,
                    "a second of audio flowing both ways");
            a.sendDtmf(DtmfEvent.DIGIT_1, Duration.ofMillis(100));
            a.sendDtmf(DtmfEvent.STAR, Duration.ofMillis(100));
            b.sendDtmf(DtmfEvent.POUND, Duration.ofMillis(100));
            b.sendDtmf(DtmfEvent.DIGIT_9, Duration.ofMillis(100));
            String how = telephoneEvent < 0 ? "in-band" : "RFC 4733";
            assertEquals(DtmfEvent.DIGIT_1, bEvents.digits.poll(5, TimeUnit.SECONDS), how);
            assertEquals(DtmfEvent.STAR, bEvents.digits.poll(5, TimeUnit.SECONDS), how);
            assertEquals(DtmfEvent.POUND, aEvents.digits.poll(5, TimeUnit.SECONDS), how);
            assertEquals(DtmfEvent.DIGIT_9, aEvents.digits.poll(5, TimeUnit.SECONDS), how);
            assertNull(aEvents.digits.poll(300, TimeUnit.MILLISECONDS), how + ": each key once");
            assertNull(bEvents.digits.poll(), how + ": each key once");
            a.close();
            b.close();
        }
    }

    @Test
    void conferenceGivesEveryoneTheOthersButNotThemselves() throws Exception {
        // the user says 500 Hz, the PCMU peer 1100 Hz, the G.722 peer 1700 Hz
        Duration length = Duration.ofSeconds(20);
        Path user = AudioAnalysis.toneFile(directory.resolve("user.wav"), 500, 16000, length, 6000);
        Path pcmuPeerSays = AudioAnalysis.toneFile(directory.resolve("pcmu-peer.wav"), 1100, 8000, length, 6000);
        Path g722PeerSays = AudioAnalysis.toneFile(directory.resolve("g722-peer.wav"), 1700, 16000, length, 6000);
        Path userHears = directory.resolve("user-hears.wav");
        Path pcmuPeerHears = directory.resolve("pcmu-peer-hears.wav");
        Path g722PeerHears = directory.resolve("g722-peer-hears.wav");

        RtpMediaSession pcmuPeer = open("file:" + pcmuPeerSays, "file:" + pcmuPeerHears, new Events());
        RtpMediaSession pcmuLeg = open("null:", "null:", new Events());
        RtpMediaSession g722Peer = open("file:" + g722PeerSays, "file:" + g722PeerHears, new Events());
        RtpMediaSession g722Leg = open("null:", "null:", new Events());
        connect(pcmuPeer, pcmuLeg);
        connect(g722Peer, g722Leg);
        for (RtpMediaSession session : List.of(pcmuPeer, pcmuLeg)) {
            session.format(format("PCMU", TELEPHONE_EVENT));
        }
        for (RtpMediaSession session : List.of(g722Peer, g722Leg)) {
            session.format(format("G722", TELEPHONE_EVENT));
        }
        ConferenceBridge bridge = MediaServices.service(ConferenceMixer.class)
                .create(new AudioEndpoints("file:" + user, "file:" + userHears));
        opened.add(bridge);
        bridge.add(pcmuLeg);
        bridge.add(g722Leg);
        assertEquals(List.of(pcmuLeg, g722Leg), bridge.members());
        long start = pcmuPeer.quality().packetsReceived();
        Poll.until(() -> pcmuPeer.quality().packetsReceived() > start + 100 && g722Peer.quality().packetsReceived() > start + 100,
                TIMEOUT, "two seconds of conference");
        // the peers hang up first, so that every file ends with the conference still mixing
        pcmuPeer.close();
        g722Peer.close();
        bridge.close();

        assertHears(userHears, 1100, 1700, 500);
        assertHears(pcmuPeerHears, 500, 1700, 1100);
        assertHears(g722PeerHears, 500, 1100, 1700);
    }

    /**
     * In the second before the last 400 ms (when the calls were ending): both others at a clear level,
     * itself at least 40 dB below them.
     */
    private static void assertHears(Path file, double other, double another, double itself) throws Exception {
        Wav.Audio audio = Wav.read(file);
        short[] pcm = audio.samples();
        int rate = audio.sampleRate();
        int to = pcm.length - rate * 2 / 5;
        int from = to - rate;
        double first = AudioAnalysis.amplitude(pcm, from, to, other, rate);
        double second = AudioAnalysis.amplitude(pcm, from, to, another, rate);
        double own = AudioAnalysis.amplitude(pcm, from, to, itself, rate);
        System.out.printf("%s hears %.0f Hz at %.0f, %.0f Hz at %.0f, itself (%.0f Hz) at %.1f%n", file.getFileName(),
                other, first, another, second, itself, own);
        assertTrue(first > 3000 && second > 3000, file.getFileName() + " hears the others: " + first + ", " + second);
        assertTrue(own < Math.min(first, second) / 100, file.getFileName() + " hears itself at " + own);
    }

    @Test
    void switchesTheMicrophoneMidCallWithoutDroppingIt() throws Exception {
        Path low = AudioAnalysis.toneFile(directory.resolve("600.wav"), 600, 8000, Duration.ofSeconds(20), 6000);
        Path high = AudioAnalysis.toneFile(directory.resolve("900.wav"), 900, 8000, Duration.ofSeconds(20), 6000);
        Path received = directory.resolve("received.wav");
        Events aEvents = new Events();
        RtpMediaSession a = open("file:" + low, "null:", aEvents);
        RtpMediaSession b = open("null:", "file:" + received, new Events());
        connect(a, b);
        a.format(format("PCMU", TELEPHONE_EVENT));
        b.format(format("PCMU", TELEPHONE_EVENT));
        Poll.until(() -> b.quality().packetsReceived() > 75, TIMEOUT, "1.5 s of the first microphone");
        a.endpoints(new AudioEndpoints("file:" + high, "null:"));
        long switchedAt = b.quality().packetsReceived();
        Poll.until(() -> b.quality().packetsReceived() > switchedAt + 50, TIMEOUT, "a second of the second microphone");
        assertEquals(0, b.quality().packetsLost());
        assertNull(aEvents.failures.poll());
        b.close();

        short[] pcm = Wav.read(received).samples();
        int before = (int) (switchedAt * 160) - 2400;
        assertTrue(AudioAnalysis.amplitude(pcm, before - 4000, before, 600, 8000) > 4000, "the first microphone");
        assertTrue(AudioAnalysis.amplitude(pcm, pcm.length - 4000, pcm.length, 900, 8000) > 4000, "the second microphone");
        assertTrue(AudioAnalysis.amplitude(pcm, pcm.length - 4000, pcm.length, 600, 8000) < 100, "the first is gone");
    }
}

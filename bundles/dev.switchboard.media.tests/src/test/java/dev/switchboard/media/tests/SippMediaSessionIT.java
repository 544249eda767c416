package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.internal.Wav;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;
import dev.switchboard.testing.audio.SpeechQuality;
import dev.switchboard.testing.peers.Sipp;

/**
 * A real peer: SIPp calls, streams speech as PCMU with its own RTP sender and then plays its RFC 2833
 * key captures; an {@link RtpMediaSession} answers it (the SIP side is {@link MinimalSipAnswerer}),
 * plays the speech into a file and reports the keys. The speech must come out as SIPp sent it:
 * SIPp's µ-law decoded is the reference, so only the session's own path (jitter buffer, playout) counts.
 */
class SippMediaSessionIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path SPEECH = Path.of(System.getProperty("switchboard.speech", "../shared/peers/audio/speech8k.wav"));
    private static final Path CAPTURES = Path.of("/usr/share/sip-tester");
    private static final int TELEPHONE_EVENT = 101;

    @TempDir
    Path directory;

    @Test
    void playsWhatSippStreamsAndHearsItsKeys() throws Exception {
        AudioCodec pcmu = MediaServices.service(MediaSessionFactory.class).offerable().stream()
                .filter(codec -> codec.info().encodingName().equals("PCMU")).findFirst().orElseThrow();
        short[] speech = Wav.read(SPEECH).samples();
        int frames = speech.length / 160;
        byte[] ulaw = new byte[frames * 160];
        Encoder encoder = pcmu.newEncoder();
        for (int i = 0; i < frames; i++) {
            encoder.encode(speech, i * 160, 160, ulaw, i * 160);
        }
        short[] reference = new short[ulaw.length];
        Decoder decoder = pcmu.newDecoder();
        for (int i = 0; i < frames; i++) {
            decoder.decode(ulaw, i * 160, 160, reference, i * 160);
        }
        Path stream = Files.write(directory.resolve("speech.ulaw"), ulaw);
        Path scenario = Files.writeString(directory.resolve("speech-and-keys.xml"), scenario(stream, frames * 20L),
                StandardCharsets.ISO_8859_1);
        Path received = directory.resolve("received.wav");

        BlockingQueue<DtmfEvent> keys = new LinkedBlockingQueue<>();
        MediaSessionListener listener = new MediaSessionListener() {
            @Override
            public void dtmfReceived(DtmfEvent event) {
                keys.add(event);
            }
        };
        try (RtpMediaSession session = MediaServices.service(MediaSessionFactory.class).openRtp(
                MediaSessionOptions.of(LOOPBACK, "sipp-it@127.0.0.1", new AudioEndpoints("null:", "file:" + received)),
                listener);
                MinimalSipAnswerer answerer = new MinimalSipAnswerer(LOOPBACK, session.localRtpAddress().getPort());
                Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", answerer.port()).service("speech")
                        .timeout(Duration.ofSeconds(30)).start()) {
            session.format(new MediaFormat(pcmu, 0, 20, TELEPHONE_EVENT));
            assertEquals(DtmfEvent.DIGIT_1, keys.poll(20, TimeUnit.SECONDS), "first key; SIPp log " + sipp.logFile());
            assertEquals(DtmfEvent.DIGIT_5, keys.poll(5, TimeUnit.SECONDS), "second key");
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(10));
            assertTrue(result.succeeded(), "SIPp exit code " + result.exitCode() + "\n" + result.messages());
        }
        short[] played = Wav.read(received).samples();
        SpeechQuality.SegmentalSnr snr = SpeechQuality.segmentalSnr(
                java.util.Arrays.copyOfRange(reference, 160, reference.length), played, 8000, 8000, 400);
        System.out.println("RtpMediaSession playing SIPp's PCMU stream, against SIPp's own µ-law: " + snr);
        // the same µ-law samples come out unless the jitter buffer had to adapt in that block
        assertTrue(snr.medianDb() > 60 && snr.badShare() < 0.5, "playout against what SIPp sent: " + snr);
    }

    /** Calls, streams the speech, plays the keys 1 and 5 as RFC 2833 captures, hangs up. */
    private static String scenario(Path stream, long streamMillis) {
        return SippCallScenario.call("speech and keys", """
                m=audio [auto_media_port] RTP/AVP 0 101
                a=rtpmap:0 PCMU/8000
                a=rtpmap:101 telephone-event/8000
                """, """
                  <nop><action><exec rtp_stream="%s,1,0"/></action></nop>
                  <pause milliseconds="%d"/>
                  <nop><action><exec play_pcap_audio="%s"/></action></nop>
                  <pause milliseconds="400"/>
                  <nop><action><exec play_pcap_audio="%s"/></action></nop>
                  <pause milliseconds="400"/>
                """.formatted(stream, streamMillis + 300, CAPTURES.resolve("dtmf_2833_1.pcap"),
                        CAPTURES.resolve("dtmf_2833_5.pcap")));
    }
}

package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.internal.Wav;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RecordingMode;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;

/** Recording a call, inactivity, and tones outside a call, on fake devices. */
class SessionExtrasTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final FakeDevices devices = new FakeDevices();

    @Test
    void recordsUsLeftAndThePeerRightAndReportsInactivity() throws Exception {
        BlockingQueue<Duration> inactive = new LinkedBlockingQueue<>();
        MediaSessionListener listener = new MediaSessionListener() {
            @Override
            public void inactive(Duration silentFor) {
                inactive.add(silentFor);
            }
        };
        MediaSessionOptions options = MediaSessionOptions.of(InetAddress.getLoopbackAddress(), "rec@127.0.0.1",
                new AudioEndpoints("tone:1000", "out:speaker")).withInactivityTimeout(Duration.ofMillis(300));
        // the peer never sends anything: what we send goes nowhere
        try (FramedCallSession session = new FramedCallSession(devices, new DefaultJitterBufferFactory(), TonePlan.CEPT,
                options, (payload, offset, length, timestamp, start) -> {
                }, listener)) {
            session.format(new MediaFormat(new LinearCodec(8000), 96, 20, -1));
            Path wav = directory.resolve("call.wav");
            session.startRecording(wav, RecordingMode.STEREO_SPLIT);
            assertTrue(session.recording());
            Duration silentFor = inactive.poll(5, TimeUnit.SECONDS);
            assertNotNull(silentFor, "inactivity reported");
            assertTrue(silentFor.compareTo(Duration.ofMillis(300)) >= 0, silentFor.toString());
            int at = devices.output("speaker").snapshot().length;
            devices.awaitPlayed("speaker", at + 4000, TIMEOUT);
            session.stopRecording();
            assertFalse(session.recording());

            Wav.Audio audio = Wav.read(wav);
            assertEquals(2, audio.channels());
            short[] left = new short[audio.samples().length / 2];
            short[] right = new short[left.length];
            for (int i = 0; i < left.length; i++) {
                left[i] = audio.samples()[2 * i];
                right[i] = audio.samples()[2 * i + 1];
            }
            assertTrue(left.length >= 4000, left.length + " samples recorded");
            assertEquals(FakeDevices.TONE_AMPLITUDE, Goertzel.amplitude(left, 0, left.length, 1000, 8000),
                    FakeDevices.TONE_AMPLITUDE * 0.05, "our side");
            assertEquals(0, Goertzel.amplitude(right, 0, right.length, 1000, 8000), 1, "the silent peer");
            assertEquals(Double.NEGATIVE_INFINITY, session.levels().speakerDbfs());
            assertEquals(MediaDirection.SENDRECV, session.direction());
        }
    }

    @Test
    void thePlayerRepeatsATonesCadenceUntilClosed() throws Exception {
        DefaultTonePlayer player = new DefaultTonePlayer(devices, Map.of(DefaultMediaSessionFactory.TONE_PLAN, "north_america"));
        ToneHandle handle = player.play(Tone.BUSY, "out:ringer");
        // 1.2 s: 480+620 Hz on 0.5 s, off 0.5 s, on again
        short[] played = devices.awaitPlayed("ringer", 19200, TIMEOUT);
        handle.close();
        int rate = DefaultTonePlayer.RATE;
        assertEquals(16000, devices.output("ringer").rate());
        double on = Goertzel.amplitude(played, 0, rate / 2, 620, rate);
        double off = Goertzel.amplitude(played, rate / 2, rate, 620, rate);
        double onAgain = Goertzel.amplitude(played, rate, rate + rate / 5, 620, rate);
        assertTrue(on > 1000 && onAgain > 1000 && off < 1, on + " / " + off + " / " + onAgain);
        int stoppedAt = devices.output("ringer").snapshot().length;
        handle.close();
        assertEquals(stoppedAt, devices.output("ringer").snapshot().length, "nothing played after close");
    }
}

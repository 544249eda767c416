package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.internal.jitter.DefaultJitterBufferFactory;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.VoiceFrameSink;

/**
 * The media loop with a lossless codec and its frames looped straight back into itself, on fake
 * devices: what is played is what was captured, after the jitter buffer. Each test runs the loop in
 * real time for a second or two.
 */
class FramedCallSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final LinearCodec L16_8K = new LinearCodec(8000);
    private static final LinearCodec L16_16K = new LinearCodec(16000);

    private final FakeDevices devices = new FakeDevices();
    private final BlockingQueue<DtmfEvent> digits = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> frameLengths = new LinkedBlockingQueue<>();
    private final AtomicInteger silentFrames = new AtomicInteger();
    private FramedCallSession session;

    private final MediaSessionListener listener = new MediaSessionListener() {
        @Override
        public void dtmfReceived(DtmfEvent event) {
            digits.add(event);
        }

        @Override
        public void deviceFailed(String deviceId, String reason) {
            failures.add(deviceId + ": " + reason);
        }
    };

    /** Loops every frame back into the session, as if the peer echoed it. */
    private final VoiceFrameSink echo = new VoiceFrameSink() {
        @Override
        public void send(byte[] payload, int offset, int length, long timestampMillis, boolean talkSpurtStart) {
            frameLengths.add(length);
            boolean silent = true;
            for (int i = offset; i < offset + length; i++) {
                silent &= payload[i] == 0;
            }
            if (silent) {
                silentFrames.incrementAndGet();
            }
            session.receive(timestampMillis, payload, offset, length);
        }
    };

    /**
     * The length of the frames sent after a format change: the media thread may have encoded one frame in the old
     * format just before the change and send it after the queue was cleared.
     */
    private int lengthAfterChange(int before) throws InterruptedException {
        Integer first = frameLengths.poll(1, TimeUnit.SECONDS);
        Integer length = first != null && first == before ? frameLengths.poll(1, TimeUnit.SECONDS) : first;
        assertNotNull(length, "no frame sent after the format change");
        return length;
    }

    private FramedCallSession open(String capture, String playback) throws AudioDeviceException {
        MediaSessionOptions options = MediaSessionOptions.of(InetAddress.getLoopbackAddress(), "test@127.0.0.1",
                new AudioEndpoints(capture, playback)).withInactivityTimeout(Duration.ZERO);
        session = new FramedCallSession(devices, new DefaultJitterBufferFactory(), TonePlan.CEPT, options, echo, listener);
        return session;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void switchesToAWidebandCodecMidCallWithoutReopeningDevices() throws Exception {
        open("tone:1000", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        short[] played = devices.awaitPlayed("speaker", 8000, TIMEOUT);
        assertEquals(8000, devices.output("speaker").rate());
        assertTone(played, 1000, 8000);
        assertEquals(320, (int) frameLengths.poll(1, TimeUnit.SECONDS));

        session.format(new MediaFormat(L16_16K, 97, 20, -1));
        int switchedAt = devices.output("speaker").snapshot().length;
        frameLengths.clear();
        played = devices.awaitPlayed("speaker", switchedAt + 8000, TIMEOUT);
        // devices stay at the first codec's rate; the 16 kHz codec is resampled to and from it
        assertEquals(8000, devices.output("speaker").rate());
        assertEquals(640, lengthAfterChange(320));
        assertTone(played, 1000, 8000);
        assertEquals("L16/16000", session.quality().codec());
    }

    @Test
    void aStereoCodecCarriesTheVoiceOnBothChannels() throws Exception {
        open("tone:1000", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        devices.awaitPlayed("speaker", 1600, TIMEOUT);
        // as Opus does (RFC 7587: always stereo on the wire), at another rate than the devices' too
        session.format(new MediaFormat(new LinearCodec(16000, 2), 97, 20, -1));
        int switchedAt = devices.output("speaker").snapshot().length;
        frameLengths.clear();
        short[] played = devices.awaitPlayed("speaker", switchedAt + 8000, TIMEOUT);
        assertEquals(320 * 2 * 2, lengthAfterChange(320));
        assertTone(played, 1000, 8000);
    }

    @Test
    void muteSendsSilenceAndHoldStopsSendingAndPlaying() throws Exception {
        open("tone:1000", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        devices.awaitPlayed("speaker", 4000, TIMEOUT);
        assertTrue(session.levels().microphoneDbfs() > -20, "microphone level " + session.levels());

        session.mute(true);
        frameLengths.clear();
        silentFrames.set(0);
        int at = devices.output("speaker").snapshot().length;
        devices.awaitPlayed("speaker", at + 4000, TIMEOUT);
        assertTrue(silentFrames.get() >= frameLengths.size() - 1, silentFrames + " of " + frameLengths.size() + " silent");
        assertEquals(Double.NEGATIVE_INFINITY, session.levels().microphoneDbfs());

        session.mute(false);
        session.direction(MediaDirection.INACTIVE);
        at = devices.output("speaker").snapshot().length;
        devices.awaitPlayed("speaker", at + 800, TIMEOUT);
        frameLengths.clear();
        at = devices.output("speaker").snapshot().length;
        short[] played = devices.awaitPlayed("speaker", at + 4000, TIMEOUT);
        assertTrue(frameLengths.isEmpty(), frameLengths.size() + " frames sent on hold");
        assertEquals(0, Goertzel.amplitude(played, at, at + 4000, 1000, 8000), 1);
    }

    @Test
    void sendsInBandDtmfWhenTheProtocolCannotAndDetectsIt() throws Exception {
        open("silence:", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        // once the jitter buffer has settled: its first frames are where it finds its delay
        devices.awaitPlayed("speaker", 1600, TIMEOUT);
        session.sendDtmf(DtmfEvent.DIGIT_7, Duration.ofMillis(100));
        session.sendDtmf(DtmfEvent.POUND, Duration.ofMillis(100));
        assertEquals(DtmfEvent.DIGIT_7, digits.poll(5, TimeUnit.SECONDS));
        assertEquals(DtmfEvent.POUND, digits.poll(5, TimeUnit.SECONDS));
        assertEquals(null, digits.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void aFailingMicrophoneIsReportedAndTheCallGoesOnInSilence() throws Exception {
        open("failing:10", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        String failure = failures.poll(5, TimeUnit.SECONDS);
        assertEquals("failing:10: unplugged", failure);
        frameLengths.clear();
        silentFrames.set(0);
        int at = devices.output("speaker").snapshot().length;
        devices.awaitPlayed("speaker", at + 4000, TIMEOUT);
        assertTrue(frameLengths.size() >= 20, "frames keep flowing: " + frameLengths.size());
        assertEquals(frameLengths.size(), silentFrames.get());
    }

    @Test
    void switchesDevicesDuringTheCallAndKeepsThemWhenTheNewOnesCannotOpen() throws Exception {
        open("tone:1000", "out:first");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        devices.awaitPlayed("first", 4000, TIMEOUT);

        session.endpoints(new AudioEndpoints("tone:2000", "out:second"));
        short[] played = devices.awaitPlayed("second", 8000, TIMEOUT);
        assertTone(played, 2000, 8000);
        assertEquals(new AudioEndpoints("tone:2000", "out:second"), session.endpoints());

        assertThrows(AudioDeviceException.class, () -> session.endpoints(new AudioEndpoints("nothing:", "out:third")));
        int at = devices.output("second").snapshot().length;
        devices.awaitPlayed("second", at + 1600, TIMEOUT);
        assertEquals(new AudioEndpoints("tone:2000", "out:second"), session.endpoints());
    }

    @Test
    void localTonesArePlayedButNotSent() throws Exception {
        open("silence:", "out:speaker");
        session.format(new MediaFormat(L16_8K, 96, 20, -1));
        devices.awaitPlayed("speaker", 1600, TIMEOUT);
        int at = devices.output("speaker").snapshot().length;
        silentFrames.set(0);
        frameLengths.clear();
        session.playLocalTone(Tone.CALL_WAITING);
        short[] played = devices.awaitPlayed("speaker", at + 8000, TIMEOUT);
        assertTrue(Goertzel.amplitude(played, at, at + 8000, 425, 8000) > 500, "call-waiting tone played");
        assertEquals(frameLengths.size(), silentFrames.get(), "the tone never went to the peer");
    }

    private static void assertTone(short[] played, double frequency, int rate) {
        int from = played.length - rate / 5;
        double amplitude = Goertzel.amplitude(played, from, played.length, frequency, rate);
        assertEquals(FakeDevices.TONE_AMPLITUDE, amplitude, FakeDevices.TONE_AMPLITUDE * 0.1,
                "amplitude of " + frequency + " Hz in the last 200 ms played");
    }
}

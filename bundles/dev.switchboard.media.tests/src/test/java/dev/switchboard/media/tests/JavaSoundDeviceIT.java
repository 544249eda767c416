package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.PulseAudio;

/**
 * The Java Sound devices through a real sound server: what we play on the default device (the
 * PulseAudio null sink) comes back on the default capture device (the sink's monitor), in real time.
 */
class JavaSoundDeviceIT {

    private static final String PULSE_SERVER = System.getenv("PULSE_SERVER");

    @RegisterExtension
    static final PeerExtension<PulseAudio> PULSE = PeerExtension.of(() -> PulseAudio.builder()
            .socket(Path.of(PULSE_SERVER.substring("unix:".length()))).start());

    @Test
    void aTonePlayedOnTheDefaultDeviceIsCapturedBackInRealTime() throws Exception {
        assertTrue(PULSE_SERVER != null && PULSE_SERVER.startsWith("unix:"), "the build must set PULSE_SERVER");
        AudioDevices devices = MediaServices.service(AudioDevices.class);
        assertTrue(devices.devices().stream().anyMatch(device -> device.id().equals("javasound:default")
                && device.capture() && device.playback()), "no default Java Sound device: " + devices.devices());

        int rate = 16000;
        int frame = 320;
        int frames = 75;
        short[] captured = new short[frames * frame];
        try (CaptureStream capture = devices.openCapture("javasound:default", rate, frame);
                PlaybackStream playback = devices.openPlayback("javasound:default", rate, frame)) {
            assertTrue(capture.paced());
            CompletableFuture<Void> player = CompletableFuture.runAsync(() -> play(playback, rate, frame, frames));
            long started = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                assertEquals(frame, capture.read(captured, i * frame, frame));
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            player.get(10, TimeUnit.SECONDS);
            assertTrue(elapsedMillis >= 1200, frames * 20 + " ms of audio captured in " + elapsedMillis + " ms");
        }
        double tone = amplitude(captured, 1000, rate);
        double elsewhere = amplitude(captured, 2500, rate);
        assertTrue(tone > 1000, "the 1 kHz tone did not come back: level " + tone);
        assertTrue(elsewhere < tone / 30, "the captured audio is not the tone: 2.5 kHz level " + elsewhere);
    }

    private static void play(PlaybackStream playback, int rate, int frame, int frames) {
        short[] samples = new short[frame];
        try {
            for (int i = 0; i < frames; i++) {
                for (int n = 0; n < frame; n++) {
                    samples[n] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (i * frame + n) / rate));
                }
                playback.write(samples, 0, frame);
            }
        } catch (AudioDeviceException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Level of one frequency (Goertzel) over the whole capture. */
    private static double amplitude(short[] pcm, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : pcm) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(Math.max(0, power)) / pcm.length;
    }
}

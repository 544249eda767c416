package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.SourceDataLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.PulseAudio;

/**
 * Java Sound in this very JVM plays through the harness's PulseAudio. The build sets PULSE_SERVER for the test
 * JVM (ALSA's pulse plugin reads it when a line opens), and the peer listens on that socket.
 */
class JavaSoundIT {
    private static final String PULSE_SERVER = System.getenv("PULSE_SERVER");

    @RegisterExtension
    static final PeerExtension<PulseAudio> PULSE = PeerExtension.of(() -> PulseAudio.builder()
            .socket(Path.of(requireUnixSocket(PULSE_SERVER))).start());

    @Test
    void playbackLineIsAStreamOnTheNullSinkAndRunsInRealTime() throws Exception {
        AudioFormat format = new AudioFormat(8000f, 16, 1, true, false);
        try (SourceDataLine line = AudioSystem.getSourceDataLine(format)) {
            line.open(format, 3200);
            line.start();
            byte[] tone = tone(format, Duration.ofMillis(600));
            long started = System.nanoTime();
            line.write(tone, 0, tone.length);

            String streams = PULSE.get().pactl("list", "short", "sink-inputs");
            assertEquals(1, streams.lines().count(), "one playback stream expected on the null sink: " + streams);

            line.drain();
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            // the null sink consumes audio at the sample rate; a line writing into nothing would return at once
            assertTrue(elapsedMillis >= 400, "600 ms of audio played in " + elapsedMillis + " ms");
        }
    }

    private static byte[] tone(AudioFormat format, Duration length) {
        int samples = (int) (format.getSampleRate() * length.toMillis() / 1000);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / format.getSampleRate()));
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    private static String requireUnixSocket(String pulseServer) {
        if (pulseServer == null || !pulseServer.startsWith("unix:")) {
            throw new IllegalStateException("the build must set PULSE_SERVER=unix:<socket> for the test JVM, not "
                    + pulseServer);
        }
        return pulseServer.substring("unix:".length());
    }
}

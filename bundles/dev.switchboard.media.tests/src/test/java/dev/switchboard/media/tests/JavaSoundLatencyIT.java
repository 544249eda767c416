package dev.switchboard.media.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/** How much latency each audio device path adds; the numbers go to docs/benchmarks.md. */
class JavaSoundLatencyIT {

    private static final String PULSE_SERVER = System.getenv("PULSE_SERVER");

    @RegisterExtension
    static final PeerExtension<PulseAudio> PULSE = PeerExtension.of(() -> PulseAudio.builder()
            .socket(Path.of(PULSE_SERVER.substring("unix:".length()))).start());

    /**
     * The latency the Java Sound path adds, measured (printed for docs/benchmarks.md, bounded loosely
     * here): clicks played on the default device are found in what the default capture device hears.
     * From the moment the click's frame is handed to {@code write} to the moment the captured sample
     * would have been read: the playback line's buffer, PulseAudio's null sink and its monitor, and the
     * capture line's buffer. The file and null devices are measured the same way, as the time a read or
     * write of one frame takes, since they buffer nothing.
     */
    @Test
    void measuresTheLatencyOfEachDevicePath() throws Exception {
        AudioDevices devices = MediaServices.service(AudioDevices.class);
        int rate = 16000;
        int frame = 320;
        int clicks = 6;
        int clickEvery = 20;
        int frames = clickEvery * (clicks + 1) + 25;
        long[] clickWrittenAt = new long[clicks];
        List<Double> latencies = new ArrayList<>();
        try (CaptureStream capture = devices.openCapture("javasound:default", rate, frame);
                PlaybackStream playback = devices.openPlayback("javasound:default", rate, frame)) {
            CompletableFuture<Void> player = CompletableFuture.runAsync(() -> {
                short[] samples = new short[frame];
                try {
                    for (int i = 0; i < frames; i++) {
                        int click = i / clickEvery - 1;
                        boolean clicking = i % clickEvery == 0 && click >= 0 && click < clicks;
                        Arrays.fill(samples, (short) 0);
                        if (clicking) {
                            for (int n = 0; n < 32; n++) { // 2 ms of 1 kHz at -6 dBFS
                                samples[n] = (short) (16000 * Math.sin(2 * Math.PI * 1000 * n / rate));
                            }
                            clickWrittenAt[click] = System.nanoTime();
                        }
                        playback.write(samples, 0, frame);
                    }
                } catch (AudioDeviceException e) {
                    throw new IllegalStateException(e);
                }
            });
            short[] captured = new short[frame];
            int found = 0;
            int quietUntil = 0;
            for (int i = 0; i < frames && found < clicks; i++) {
                assertEquals(frame, capture.read(captured, 0, frame));
                long readAt = System.nanoTime();
                if (i < quietUntil) {
                    continue;
                }
                for (int n = 0; n < frame; n++) {
                    if (Math.abs(captured[n]) > 4000) {
                        long sampleAt = readAt - (frame - n) * 1_000_000_000L / rate;
                        latencies.add((sampleAt - clickWrittenAt[found]) / 1e6);
                        found++;
                        quietUntil = i + clickEvery / 2;
                        break;
                    }
                }
            }
            player.get(10, TimeUnit.SECONDS);
        }
        assertEquals(clicks, latencies.size(), "clicks heard back: " + latencies);
        List<Double> sorted = latencies.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        System.out.printf("JavaSoundLatency: playback+capture through the PulseAudio null sink at %d Hz, %d ms frames: "
                + "median %.1f ms, min %.1f ms, max %.1f ms over %d clicks %s%n", rate, frame * 1000 / rate, median,
                sorted.get(0), sorted.get(sorted.size() - 1), clicks, latencies);
        assertTrue(sorted.get(0) > 0 && median < 500, "round trip " + latencies);

        Path wav = AudioAnalysis.toneFile(Files.createTempFile("latency", ".wav"), 1000, rate, java.time.Duration.ofSeconds(2), 8000);
        short[] pcm = new short[frame];
        long readNanos;
        long writeNanos;
        try (CaptureStream file = devices.openCapture("file:" + wav, rate, frame);
                PlaybackStream nothing = devices.openPlayback("null:", rate, frame)) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                file.read(pcm, 0, frame);
            }
            readNanos = (System.nanoTime() - start) / 50;
            start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                nothing.write(pcm, 0, frame);
            }
            writeNanos = (System.nanoTime() - start) / 50;
        } finally {
            Files.deleteIfExists(wav);
        }
        System.out.printf("JavaSoundLatency: WAV file capture %.3f ms per 20 ms frame read, null playback %.3f ms per frame written"
                + " (nothing buffered: the latency they add is the time of the call)%n", readNanos / 1e6, writeNanos / 1e6);
        assertTrue(readNanos < 20_000_000L && writeNanos < 20_000_000L, "file and null devices do not wait for a clock");
    }
}

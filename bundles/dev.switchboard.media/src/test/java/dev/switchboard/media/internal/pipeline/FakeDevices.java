package dev.switchboard.media.internal.pipeline;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceListener;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

/**
 * Devices for unit tests: capture {@code tone:<Hz>} (a sine at -12 dBFS), {@code silence:}, or
 * {@code failing:<reads>} (fails after that many frames); playback {@code out:<name>} collects what is
 * played, which tests wait for with {@link #awaitPlayed}. None is paced, as files are not.
 */
final class FakeDevices implements AudioDevices {

    static final double TONE_AMPLITUDE = 8000;

    private final Map<String, Output> outputs = new ConcurrentHashMap<>();

    static final class Output {
        private short[] samples = new short[0];
        private int length;
        private int rate;

        synchronized void add(short[] frame, int offset, int count) {
            if (length + count > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(2 * samples.length, length + count));
            }
            System.arraycopy(frame, offset, samples, length, count);
            length += count;
            notifyAll();
        }

        synchronized short[] snapshot() {
            return Arrays.copyOf(samples, length);
        }

        synchronized int rate() {
            return rate;
        }
    }

    Output output(String name) {
        return outputs.computeIfAbsent(name, key -> new Output());
    }

    /** Waits until {@code samples} samples in all have been played on {@code out:name}; returns them. */
    short[] awaitPlayed(String name, int samples, Duration timeout) throws InterruptedException {
        Output output = output(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (output.length < samples) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + output.length + " of " + samples + " samples played on " + name);
                }
                output.wait(Math.max(1, left / 1_000_000));
            }
            return output.snapshot();
        }
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        return List.of();
    }

    @Override
    public CaptureStream openCapture(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException {
        String[] parts = deviceId.split(":", 2);
        return switch (parts[0]) {
            case "tone" -> capture(sampleRate, Double.parseDouble(parts[1]), Integer.MAX_VALUE);
            case "silence" -> capture(sampleRate, 0, Integer.MAX_VALUE);
            case "failing" -> capture(sampleRate, 1000, Integer.parseInt(parts[1]));
            default -> throw new AudioDeviceException("no such capture device: " + deviceId);
        };
    }

    private static CaptureStream capture(int rate, double frequency, int readsBeforeFailing) {
        return new CaptureStream() {
            private long position;
            private int reads;

            @Override
            public int sampleRate() {
                return rate;
            }

            @Override
            public boolean paced() {
                return false;
            }

            @Override
            public int read(short[] frame, int offset, int count) throws AudioDeviceException {
                if (reads++ >= readsBeforeFailing) {
                    throw new AudioDeviceException("unplugged");
                }
                for (int i = 0; i < count; i++) {
                    frame[offset + i] = (short) Math.round(TONE_AMPLITUDE * Math.sin(2 * Math.PI * frequency * position++ / rate));
                }
                return count;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public PlaybackStream openPlayback(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException {
        if (!deviceId.startsWith("out:")) {
            throw new AudioDeviceException("no such playback device: " + deviceId);
        }
        Output output = output(deviceId.substring(4));
        synchronized (output) {
            output.rate = sampleRate;
        }
        return new PlaybackStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public void write(short[] frame, int offset, int samples) {
                output.add(frame, offset, samples);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public AutoCloseable watch(AudioDeviceListener listener) {
        return () -> {
        };
    }
}

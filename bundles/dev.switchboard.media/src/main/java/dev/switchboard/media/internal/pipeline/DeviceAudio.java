package dev.switchboard.media.internal.pipeline;

import java.util.Arrays;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.session.AudioEndpoints;

/**
 * A capture and a playback device as {@link LocalAudio}. A device that fails is closed and replaced by
 * silence (capture) or nothing (playback), once reported to the {@link FailureListener}; the call goes on.
 * A capture file that has ended gives silence, which is no failure.
 */
final class DeviceAudio implements LocalAudio {

    /** The device the system calls default, for endpoints that name none. */
    static final String DEFAULT_DEVICE = "javasound:default";

    /** Told once per failed device; called on the media thread. */
    interface FailureListener {
        void failed(String deviceId, String reason);
    }

    private final String captureId;
    private final String playbackId;
    private final FailureListener failures;
    private CaptureStream capture;
    private PlaybackStream playback;

    private DeviceAudio(String captureId, String playbackId, CaptureStream capture, PlaybackStream playback,
            FailureListener failures) {
        this.captureId = captureId;
        this.playbackId = playbackId;
        this.capture = capture;
        this.playback = playback;
        this.failures = failures;
    }

    /**
     * Opens both devices at {@code sampleRate}.
     *
     * @throws AudioDeviceException if either cannot be opened (neither is left open then)
     */
    static DeviceAudio open(AudioDevices devices, AudioEndpoints endpoints, int sampleRate, int frameSamples,
            FailureListener failures) throws AudioDeviceException {
        String captureId = idOrDefault(endpoints.captureDevice());
        String playbackId = idOrDefault(endpoints.playbackDevice());
        CaptureStream capture = devices.openCapture(captureId, sampleRate, frameSamples);
        try {
            PlaybackStream playback = devices.openPlayback(playbackId, sampleRate, frameSamples);
            return new DeviceAudio(captureId, playbackId, capture, playback, failures);
        } catch (AudioDeviceException | RuntimeException e) {
            capture.close();
            throw e;
        }
    }

    static String idOrDefault(String deviceId) {
        return deviceId == null ? DEFAULT_DEVICE : deviceId;
    }

    @Override
    public boolean paced() {
        return capture != null && capture.paced();
    }

    @Override
    public void read(short[] pcm, int offset, int count) {
        if (capture == null) {
            Arrays.fill(pcm, offset, offset + count, (short) 0);
            return;
        }
        try {
            capture.read(pcm, offset, count);
        } catch (AudioDeviceException | RuntimeException e) {
            Arrays.fill(pcm, offset, offset + count, (short) 0);
            closeQuietly(capture);
            capture = null;
            failures.failed(captureId, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void write(short[] pcm, int offset, int count) {
        if (playback == null) {
            return;
        }
        try {
            playback.write(pcm, offset, count);
        } catch (AudioDeviceException | RuntimeException e) {
            closeQuietly(playback);
            playback = null;
            failures.failed(playbackId, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public void close() {
        if (capture != null) {
            closeQuietly(capture);
            capture = null;
        }
        if (playback != null) {
            closeQuietly(playback);
            playback = null;
        }
    }

    private static void closeQuietly(AutoCloseable stream) {
        try {
            stream.close();
        } catch (Exception e) {
            // closing a device that already failed may fail again; there is nothing left to release
        }
    }
}

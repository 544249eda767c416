package dev.switchboard.media.audio;

import java.io.IOException;
import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The built-in audio test call a new user runs to check a headset: capture device, encoder, RTP on
 * loopback, jitter buffer, decoder, playback device — the whole path of a real call, on this machine.
 */
@ProviderType
public interface AudioLoopTest {

    /**
     * @param packetsReceived    RTP packets that reached the receiving side
     * @param packetsLost        RTP packets lost on the way (RFC 3550 A.3)
     * @param jitterMillis       interarrival jitter (RFC 3550 A.8)
     * @param playoutDelayMillis the jitter buffer's delay at the end
     * @param inputLevelDbfs     RMS level of what was captured, dB relative to full scale
     * @param outputLevelDbfs    RMS level of what was played
     */
    record Result(String codec, int framesSent, long packetsReceived, long packetsLost, double jitterMillis,
            double playoutDelayMillis, double inputLevelDbfs, double outputLevelDbfs) {
    }

    /** Hears the running test call's levels, for live meters (since 1.3). */
    @ConsumerType
    interface LevelWatcher {
        /**
         * Called on the test's thread about ten times a second; must return at once.
         *
         * @param inputDbfs  RMS of the last ~100 ms captured, dBFS; negative infinity for digital silence
         * @param outputDbfs RMS of the last ~100 ms played
         */
        void levels(double inputDbfs, double outputDbfs);
    }

    /**
     * Runs the test call for {@code length} and returns what it measured.
     *
     * @param codec an installed codec's encoding name, e.g. {@code PCMU} or {@code G722}
     * @throws IllegalArgumentException if no such codec is installed
     * @throws AudioDeviceException if a device cannot be opened or fails
     * @throws IOException if the loopback RTP sockets cannot be opened
     */
    default Result run(String captureDevice, String playbackDevice, String codec, Duration length)
            throws AudioDeviceException, IOException {
        return run(captureDevice, playbackDevice, codec, length, (input, output) -> {
        });
    }

    /** As {@link #run(String, String, String, Duration)}, telling {@code watcher} the levels as the call runs (since 1.3). */
    Result run(String captureDevice, String playbackDevice, String codec, Duration length, LevelWatcher watcher)
            throws AudioDeviceException, IOException;
}

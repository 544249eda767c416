package dev.switchboard.media.audio;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One kind of audio device, registered as a DS service. Streams it opens run at the rate asked
 * for; a provider whose device cannot must resample (see {@link AudioDevices}).
 */
@ConsumerType
public interface AudioDeviceProvider {

    /** The part of device ids before the colon, e.g. {@code javasound}. */
    String scheme();

    /** The devices present now; empty for providers whose devices are named freely (files). */
    List<AudioDeviceInfo> devices();

    /**
     * @param name         the device id without {@code scheme:}
     * @param frameSamples the frame length the caller reads, which bounds the latency worth buffering
     */
    CaptureStream openCapture(String name, int sampleRate, int frameSamples) throws AudioDeviceException;

    PlaybackStream openPlayback(String name, int sampleRate, int frameSamples) throws AudioDeviceException;
}

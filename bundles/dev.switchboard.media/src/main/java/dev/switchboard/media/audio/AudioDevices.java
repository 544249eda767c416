package dev.switchboard.media.audio;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Every installed device provider behind one service. */
@ProviderType
public interface AudioDevices {

    List<AudioDeviceInfo> devices();

    /**
     * @throws AudioDeviceException if the id names no installed provider or the device cannot be opened
     */
    CaptureStream openCapture(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException;

    PlaybackStream openPlayback(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException;

    /**
     * Watches the device list: {@code listener} hears of every device added or removed (providers
     * installed or uninstalled, hot-plugged hardware) until the returned handle is closed. Sound systems
     * without change notifications are polled every few seconds.
     *
     * @since 1.2
     */
    AutoCloseable watch(AudioDeviceListener listener);
}

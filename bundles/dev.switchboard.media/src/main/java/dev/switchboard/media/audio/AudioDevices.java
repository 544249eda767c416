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
}

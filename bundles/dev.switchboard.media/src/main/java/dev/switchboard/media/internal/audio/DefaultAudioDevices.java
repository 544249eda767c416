package dev.switchboard.media.internal.audio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

/** Routes device ids to the provider of their scheme. */
@Component(service = AudioDevices.class)
public class DefaultAudioDevices implements AudioDevices {

    private final Map<String, AudioDeviceProvider> providers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(AudioDeviceProvider provider) {
        providers.putIfAbsent(provider.scheme(), provider);
    }

    void removeProvider(AudioDeviceProvider provider) {
        providers.remove(provider.scheme(), provider);
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        return providers.values().stream().flatMap(provider -> provider.devices().stream()).toList();
    }

    @Override
    public CaptureStream openCapture(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException {
        return provider(deviceId).openCapture(name(deviceId), sampleRate, frameSamples);
    }

    @Override
    public PlaybackStream openPlayback(String deviceId, int sampleRate, int frameSamples) throws AudioDeviceException {
        return provider(deviceId).openPlayback(name(deviceId), sampleRate, frameSamples);
    }

    private AudioDeviceProvider provider(String deviceId) throws AudioDeviceException {
        int colon = deviceId.indexOf(':');
        if (colon <= 0) {
            throw new AudioDeviceException("not an audio device id (scheme:name): " + deviceId);
        }
        AudioDeviceProvider provider = providers.get(deviceId.substring(0, colon));
        if (provider == null) {
            throw new AudioDeviceException("no audio devices of kind '" + deviceId.substring(0, colon) + "' are installed ("
                    + String.join(", ", providers.keySet()) + " are)");
        }
        return provider;
    }

    private static String name(String deviceId) {
        return deviceId.substring(deviceId.indexOf(':') + 1);
    }
}

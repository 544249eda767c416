package dev.switchboard.media.internal.audio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Deactivate;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceListener;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

/**
 * Routes device ids to the provider of their scheme, and watches the device list for whoever asks:
 * Java Sound has no hot-plug notifications, so while anyone watches, the list is compared every
 * {@value #POLL_SECONDS} s (and at once when a provider comes or goes).
 */
@Component(service = AudioDevices.class)
public class DefaultAudioDevices implements AudioDevices {

    static final int POLL_SECONDS = 2;

    private final Map<String, AudioDeviceProvider> providers = new ConcurrentHashMap<>();
    private final List<AudioDeviceListener> watchers = new CopyOnWriteArrayList<>();
    private final Object watchLock = new Object();
    private ScheduledExecutorService poller;
    private ScheduledFuture<?> polling;
    private Map<String, AudioDeviceInfo> lastSeen = Map.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(AudioDeviceProvider provider) {
        providers.putIfAbsent(provider.scheme(), provider);
        checkDevices();
    }

    void removeProvider(AudioDeviceProvider provider) {
        providers.remove(provider.scheme(), provider);
        checkDevices();
    }

    @Override
    public AutoCloseable watch(AudioDeviceListener listener) {
        synchronized (watchLock) {
            if (watchers.isEmpty()) {
                lastSeen = snapshot();
                poller = Executors.newSingleThreadScheduledExecutor(
                        task -> Thread.ofPlatform().name("audio device watcher").daemon().unstarted(task));
                polling = poller.scheduleWithFixedDelay(this::checkDevices, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
            }
            watchers.add(listener);
        }
        return () -> unwatch(listener);
    }

    private void unwatch(AudioDeviceListener listener) {
        synchronized (watchLock) {
            if (watchers.remove(listener) && watchers.isEmpty()) {
                polling.cancel(false);
                poller.shutdown();
                poller = null;
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (watchLock) {
            watchers.clear();
            if (poller != null) {
                poller.shutdownNow();
                poller = null;
            }
        }
    }

    /** Compares the device list with the last look and tells the watchers what changed. */
    void checkDevices() {
        List<AudioDeviceInfo> added = new ArrayList<>();
        List<AudioDeviceInfo> removed = new ArrayList<>();
        synchronized (watchLock) {
            if (watchers.isEmpty()) {
                return;
            }
            Map<String, AudioDeviceInfo> now = snapshot();
            for (AudioDeviceInfo device : now.values()) {
                if (!device.equals(lastSeen.get(device.id()))) {
                    added.add(device);
                }
            }
            for (AudioDeviceInfo device : lastSeen.values()) {
                if (!device.equals(now.get(device.id()))) {
                    removed.add(device);
                }
            }
            lastSeen = now;
        }
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        for (AudioDeviceListener watcher : watchers) {
            try {
                watcher.devicesChanged(List.copyOf(added), List.copyOf(removed));
            } catch (RuntimeException e) {
                System.getLogger(DefaultAudioDevices.class.getName()).log(System.Logger.Level.WARNING,
                        "audio device watcher failed", e);
            }
        }
    }

    private Map<String, AudioDeviceInfo> snapshot() {
        Map<String, AudioDeviceInfo> byId = new LinkedHashMap<>();
        for (AudioDeviceInfo device : devices()) {
            byId.put(device.id(), device);
        }
        return byId;
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

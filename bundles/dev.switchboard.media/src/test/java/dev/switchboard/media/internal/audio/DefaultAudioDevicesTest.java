package dev.switchboard.media.internal.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

class DefaultAudioDevicesTest {

    private static final AudioDeviceInfo HEADSET = new AudioDeviceInfo("fake:headset", "USB headset", true, true);
    private static final AudioDeviceInfo SPEAKER = new AudioDeviceInfo("fake:speaker", "Speaker", false, true);

    /** A provider whose devices a test plugs in and pulls out. */
    private static final class HotPlugProvider implements AudioDeviceProvider {
        final List<AudioDeviceInfo> present = new CopyOnWriteArrayList<>();

        @Override
        public String scheme() {
            return "fake";
        }

        @Override
        public List<AudioDeviceInfo> devices() {
            return List.copyOf(present);
        }

        @Override
        public CaptureStream openCapture(String name, int sampleRate, int frameSamples) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PlaybackStream openPlayback(String name, int sampleRate, int frameSamples) {
            throw new UnsupportedOperationException();
        }
    }

    private record Change(List<AudioDeviceInfo> added, List<AudioDeviceInfo> removed) {
    }

    @Test
    void watchersHearOfDevicesPluggedInAndPulledOutUntilTheyStopWatching() throws Exception {
        DefaultAudioDevices devices = new DefaultAudioDevices();
        HotPlugProvider provider = new HotPlugProvider();
        provider.present.add(SPEAKER);
        devices.addProvider(provider);
        BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
        AutoCloseable watch = devices.watch((added, removed) -> changes.add(new Change(added, removed)));

        provider.present.add(HEADSET);
        devices.checkDevices();
        assertEquals(new Change(List.of(HEADSET), List.of()), changes.poll(1, TimeUnit.SECONDS));

        provider.present.remove(HEADSET);
        devices.checkDevices();
        assertEquals(new Change(List.of(), List.of(HEADSET)), changes.poll(1, TimeUnit.SECONDS));

        devices.checkDevices();
        devices.removeProvider(provider);
        assertEquals(new Change(List.of(), List.of(SPEAKER)), changes.poll(1, TimeUnit.SECONDS));

        watch.close();
        devices.addProvider(provider);
        assertEquals(null, changes.poll(100, TimeUnit.MILLISECONDS));
        devices.deactivate();
    }

    @Test
    void thePollerFindsAHotPluggedDeviceByItself() throws Exception {
        DefaultAudioDevices devices = new DefaultAudioDevices();
        HotPlugProvider provider = new HotPlugProvider();
        devices.addProvider(provider);
        BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
        try (AutoCloseable watch = devices.watch((added, removed) -> changes.add(new Change(added, removed)))) {
            provider.present.add(HEADSET);
            assertEquals(new Change(List.of(HEADSET), List.of()),
                    changes.poll(DefaultAudioDevices.POLL_SECONDS * 3L, TimeUnit.SECONDS));
        }
        devices.deactivate();
    }
}

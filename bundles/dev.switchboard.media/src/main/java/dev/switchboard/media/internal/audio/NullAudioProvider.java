package dev.switchboard.media.internal.audio;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

/** {@code null:} — silence in, nothing out; for machines without sound and for calls that only signal. */
@Component(service = AudioDeviceProvider.class)
public class NullAudioProvider implements AudioDeviceProvider {

    static final AudioDeviceInfo DEVICE = new AudioDeviceInfo("null:", "No audio (silence)", true, true);

    @Override
    public String scheme() {
        return "null";
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        return List.of(DEVICE);
    }

    @Override
    public CaptureStream openCapture(String name, int sampleRate, int frameSamples) {
        return new CaptureStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public boolean paced() {
                return false;
            }

            @Override
            public int read(short[] frame, int offset, int samples) {
                Arrays.fill(frame, offset, offset + samples, (short) 0);
                return samples;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public PlaybackStream openPlayback(String name, int sampleRate, int frameSamples) {
        return new PlaybackStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public void write(short[] frame, int offset, int samples) {
            }

            @Override
            public void close() {
            }
        };
    }
}

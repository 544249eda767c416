package dev.switchboard.media.internal.audio;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;

/**
 * Sound cards, headsets and USB phones through Java Sound ({@code javasound:default} or
 * {@code javasound:<mixer name>}). Lines are opened at the codec's rate when the device takes it,
 * otherwise at 48 kHz with resampling; buffers hold {@value #BUFFERED_FRAMES} frames, enough to ride
 * out scheduling jitter without adding more delay than that.
 */
@Component(service = AudioDeviceProvider.class)
public class JavaSoundProvider implements AudioDeviceProvider {

    private static final Logger LOG = System.getLogger(JavaSoundProvider.class.getName());
    static final String DEFAULT = "default";
    private static final int BUFFERED_FRAMES = 3;
    private static final int FALLBACK_RATE = 48000;

    @Override
    public String scheme() {
        return "javasound";
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        List<AudioDeviceInfo> devices = new ArrayList<>();
        AudioFormat format = format(8000);
        boolean anyCapture = AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, format));
        boolean anyPlayback = AudioSystem.isLineSupported(new DataLine.Info(SourceDataLine.class, format));
        if (anyCapture || anyPlayback) {
            devices.add(new AudioDeviceInfo("javasound:" + DEFAULT, "System default", anyCapture, anyPlayback));
        }
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            boolean capture = mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, format));
            boolean playback = mixer.isLineSupported(new DataLine.Info(SourceDataLine.class, format));
            if (capture || playback) {
                devices.add(new AudioDeviceInfo("javasound:" + info.getName(), info.getName() + " (" + info.getDescription() + ")",
                        capture, playback));
            }
        }
        return devices;
    }

    private static AudioFormat format(int rate) {
        return new AudioFormat(rate, 16, 1, true, false);
    }

    private static <T extends DataLine> T line(String name, Class<T> type, int rate) throws AudioDeviceException {
        DataLine.Info info = new DataLine.Info(type, format(rate));
        try {
            if (DEFAULT.equals(name)) {
                return type.cast(AudioSystem.getLine(info));
            }
            for (Mixer.Info mixerInfo : AudioSystem.getMixerInfo()) {
                if (mixerInfo.getName().equals(name)) {
                    return type.cast(AudioSystem.getMixer(mixerInfo).getLine(info));
                }
            }
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioDeviceException("audio device '" + name + "' cannot " + what(type) + " at " + rate + " Hz: "
                    + e.getMessage(), e);
        }
        throw new AudioDeviceException("no audio device '" + name + "'");
    }

    private static String what(Class<?> type) {
        return type == TargetDataLine.class ? "record" : "play";
    }

    /** The rate to open the device at: the one asked for if it takes it, else the fallback. */
    private static int deviceRate(String name, Class<? extends DataLine> type, int rate) {
        try {
            line(name, type, rate);
            return rate;
        } catch (AudioDeviceException e) {
            LOG.log(Level.INFO, "audio device {0} cannot {1} at {2} Hz; using {3} Hz with resampling", name, what(type),
                    rate, FALLBACK_RATE);
            return FALLBACK_RATE;
        }
    }

    @Override
    public CaptureStream openCapture(String name, int sampleRate, int frameSamples) throws AudioDeviceException {
        int rate = deviceRate(name, TargetDataLine.class, sampleRate);
        TargetDataLine line = line(name, TargetDataLine.class, rate);
        int deviceFrame = frameSamples * rate / sampleRate;
        try {
            line.open(format(rate), BUFFERED_FRAMES * deviceFrame * 2);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioDeviceException("cannot open audio device '" + name + "' for recording: " + e.getMessage(), e);
        }
        line.start();
        Resampler resampler = rate == sampleRate ? null : new Resampler(rate, sampleRate);
        byte[] bytes = new byte[deviceFrame * 2];
        short[] deviceSamples = new short[deviceFrame];
        short[] converted = new short[resampler == null ? 0 : resampler.maxOutput(deviceFrame)];
        FrameFifo fifo = new FrameFifo(frameSamples * 4);
        return new CaptureStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public boolean paced() {
                return true;
            }

            @Override
            public int read(short[] frame, int offset, int samples) throws AudioDeviceException {
                while (fifo.size() < samples) {
                    int read = line.read(bytes, 0, bytes.length);
                    if (read < bytes.length) {
                        throw new AudioDeviceException("audio device '" + name + "' stopped delivering audio");
                    }
                    for (int i = 0; i < deviceFrame; i++) {
                        deviceSamples[i] = (short) ((bytes[2 * i] & 0xFF) | bytes[2 * i + 1] << 8);
                    }
                    if (resampler == null) {
                        fifo.add(deviceSamples, 0, deviceFrame);
                    } else {
                        fifo.add(converted, 0, resampler.process(deviceSamples, 0, deviceFrame, converted, 0));
                    }
                }
                fifo.take(frame, offset, samples);
                return samples;
            }

            @Override
            public void close() {
                line.stop();
                line.close();
            }
        };
    }

    @Override
    public PlaybackStream openPlayback(String name, int sampleRate, int frameSamples) throws AudioDeviceException {
        int rate = deviceRate(name, SourceDataLine.class, sampleRate);
        SourceDataLine line = line(name, SourceDataLine.class, rate);
        int deviceFrame = frameSamples * rate / sampleRate;
        try {
            line.open(format(rate), BUFFERED_FRAMES * deviceFrame * 2);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new AudioDeviceException("cannot open audio device '" + name + "' for playback: " + e.getMessage(), e);
        }
        line.start();
        Resampler resampler = rate == sampleRate ? null : new Resampler(sampleRate, rate);
        short[] converted = new short[resampler == null ? 0 : resampler.maxOutput(frameSamples) * 2];
        byte[] bytes = new byte[Math.max(frameSamples, converted.length) * 2];
        return new PlaybackStream() {
            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public void write(short[] frame, int offset, int samples) throws AudioDeviceException {
                if (samples > frameSamples) {
                    throw new IllegalArgumentException("frames of at most " + frameSamples + " samples, not " + samples);
                }
                short[] source = frame;
                int start = offset;
                int count = samples;
                if (resampler != null) {
                    count = resampler.process(frame, offset, samples, converted, 0);
                    source = converted;
                    start = 0;
                }
                for (int i = 0; i < count; i++) {
                    bytes[2 * i] = (byte) source[start + i];
                    bytes[2 * i + 1] = (byte) (source[start + i] >> 8);
                }
                if (!line.isOpen()) {
                    throw new AudioDeviceException("audio device '" + name + "' is gone");
                }
                line.write(bytes, 0, count * 2);
            }

            @Override
            public void close() {
                line.drain();
                line.stop();
                line.close();
            }
        };
    }
}

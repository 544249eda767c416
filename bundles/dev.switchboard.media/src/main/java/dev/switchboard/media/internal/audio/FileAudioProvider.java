package dev.switchboard.media.internal.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDeviceProvider;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.audio.PlaybackStream;
import dev.switchboard.media.internal.Wav;

/**
 * WAV files as devices ({@code file:/path.wav}), for tests and automation: capture plays a file
 * (mixed down to mono and resampled to the rate asked for), playback records into one.
 */
@Component(service = AudioDeviceProvider.class)
public class FileAudioProvider implements AudioDeviceProvider {

    private static final int HEADER_BYTES = 44;

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public List<AudioDeviceInfo> devices() {
        return List.of();
    }

    @Override
    public CaptureStream openCapture(String name, int sampleRate, int frameSamples) throws AudioDeviceException {
        Wav.Audio audio;
        try {
            audio = Wav.read(Path.of(name));
        } catch (IOException e) {
            throw new AudioDeviceException("cannot play " + name + " as a microphone: " + e.getMessage(), e);
        }
        short[] mono = mixDown(audio);
        short[] samples = audio.sampleRate() == sampleRate ? mono : resample(mono, audio.sampleRate(), sampleRate);
        return new CaptureStream() {
            private int position;

            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public boolean paced() {
                return false;
            }

            @Override
            public int read(short[] frame, int offset, int count) {
                int available = Math.min(count, samples.length - position);
                System.arraycopy(samples, position, frame, offset, Math.max(0, available));
                Arrays.fill(frame, offset + Math.max(0, available), offset + count, (short) 0);
                position += Math.max(0, available);
                return available < count ? -1 : count;
            }

            @Override
            public void close() {
                position = samples.length;
            }
        };
    }

    private static short[] mixDown(Wav.Audio audio) {
        if (audio.channels() == 1) {
            return audio.samples();
        }
        short[] mono = new short[audio.samples().length / audio.channels()];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int channel = 0; channel < audio.channels(); channel++) {
                sum += audio.samples()[i * audio.channels() + channel];
            }
            mono[i] = (short) (sum / audio.channels());
        }
        return mono;
    }

    /** Converts a whole file, flushing the resampler's delay with silence so no audio is cut off. */
    private static short[] resample(short[] samples, int fromRate, int toRate) {
        Resampler resampler = new Resampler(fromRate, toRate);
        short[] flush = new short[resampler.delay() + 1];
        short[] out = new short[resampler.maxOutput(samples.length + flush.length) + 1];
        int written = resampler.process(samples, 0, samples.length, out, 0);
        written += resampler.process(flush, 0, flush.length, out, written);
        int expected = (int) ((long) samples.length * toRate / fromRate);
        return Arrays.copyOf(out, Math.min(written, expected));
    }

    @Override
    public PlaybackStream openPlayback(String name, int sampleRate, int frameSamples) throws AudioDeviceException {
        FileChannel channel;
        try {
            channel = FileChannel.open(Path.of(name), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            channel.write(header(sampleRate, 0));
        } catch (IOException e) {
            throw new AudioDeviceException("cannot record into " + name + ": " + e.getMessage(), e);
        }
        ByteBuffer frameBytes = ByteBuffer.allocate(frameSamples * 2).order(ByteOrder.LITTLE_ENDIAN);
        return new PlaybackStream() {
            private long dataBytes;
            private ByteBuffer buffer = frameBytes;

            @Override
            public int sampleRate() {
                return sampleRate;
            }

            @Override
            public void write(short[] frame, int offset, int samples) throws AudioDeviceException {
                if (buffer.capacity() < samples * 2) {
                    buffer = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
                }
                buffer.clear();
                buffer.asShortBuffer().put(frame, offset, samples);
                buffer.limit(samples * 2);
                try {
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                } catch (IOException e) {
                    throw new AudioDeviceException("recording into " + name + " failed: " + e.getMessage(), e);
                }
                dataBytes += samples * 2L;
            }

            @Override
            public void close() {
                try (channel) {
                    // the sizes are written last: a file cut short by a crash still reads (sizes run past its end)
                    channel.write(header(sampleRate, dataBytes), 0);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot complete " + name + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private static ByteBuffer header(int sampleRate, long dataBytes) {
        int data = (int) Math.min(dataBytes, 0xFFFF_FFFFL - HEADER_BYTES);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] { 'R', 'I', 'F', 'F' }).putInt(dataBytes == 0 ? -1 : HEADER_BYTES - 8 + data)
                .put(new byte[] { 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ' }).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put(new byte[] { 'd', 'a', 't', 'a' }).putInt(dataBytes == 0 ? -1 : data);
        return header.flip();
    }
}

package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.switchboard.media.session.RecordingMode;

/**
 * Records a call as 16-bit PCM WAV while it runs: the header is written first with zero lengths and
 * completed at {@link #close()}, so a crash leaves a file with all the audio and a header players
 * repair. Written by the media thread only; the frame buffer is allocated once.
 */
public final class WavRecorder implements AutoCloseable {

    private static final int HEADER_BYTES = 44;

    private final FileChannel channel;
    private final RecordingMode mode;
    private final int sampleRate;
    private final int channels;
    private ByteBuffer buffer;
    private long dataBytes;
    private boolean failed;

    public WavRecorder(Path file, RecordingMode mode, int sampleRate, int maxFrameSamples) throws IOException {
        this.mode = mode;
        this.sampleRate = sampleRate;
        this.channels = mode == RecordingMode.STEREO_SPLIT ? 2 : 1;
        this.buffer = ByteBuffer.allocate(maxFrameSamples * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        channel.write(header(0));
    }

    /**
     * One frame of both sides, aligned in time.
     *
     * @param local  what the user said (left in stereo)
     * @param remote what the peer said (right in stereo)
     * @return false if the file cannot be written any more (disk full): recording has stopped
     */
    public boolean write(short[] local, short[] remote, int count) {
        if (failed) {
            return false;
        }
        if (buffer.capacity() < count * channels * 2) {
            buffer = ByteBuffer.allocate(count * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        for (int i = 0; i < count; i++) {
            if (mode == RecordingMode.STEREO_SPLIT) {
                buffer.putShort(local[i]).putShort(remote[i]);
            } else {
                int sum = local[i] + remote[i];
                buffer.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum)));
            }
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                dataBytes += channel.write(buffer);
            }
            return true;
        } catch (IOException e) {
            failed = true;
            return false;
        }
    }

    /** One mono frame (a conference's whole mix). */
    public boolean writeMono(short[] pcm, int count) {
        if (channels != 1) {
            throw new IllegalStateException("a stereo recording takes both sides");
        }
        if (failed) {
            return false;
        }
        if (buffer.capacity() < count * 2) {
            buffer = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        }
        buffer.clear();
        for (int i = 0; i < count; i++) {
            buffer.putShort(pcm[i]);
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                dataBytes += channel.write(buffer);
            }
            return true;
        } catch (IOException e) {
            failed = true;
            return false;
        }
    }

    /** Completes the header and closes the file. */
    @Override
    public void close() {
        try (channel) {
            channel.write(header(dataBytes), 0);
        } catch (IOException e) {
            // the audio is on disk; only the lengths in the header could not be written
        }
    }

    private ByteBuffer header(long data) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int size = (int) Math.min(data, 0xFFFF_FFFFL - 36);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + size)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size);
        return header.flip();
    }
}

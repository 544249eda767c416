package dev.switchboard.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM WAV files (RIFF/WAVE, format tag 1), the format every audio tool reads and writes.
 * Chunks other than {@code fmt } and {@code data} are skipped, as the RIFF rules allow.
 */
public final class Wav {

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final int HEADER_BYTES = 44;

    /**
     * @param samples interleaved samples of all channels
     */
    public record Audio(int sampleRate, int channels, short[] samples) {
    }

    private Wav() {
    }

    /**
     * @throws IOException with a message saying what is wrong with the file
     */
    public static Audio read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.remaining() < 12 || bytes.getInt(0) != fourCc("RIFF") || bytes.getInt(8) != fourCc("WAVE")) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        int sampleRate = 0;
        int channels = 0;
        short[] samples = null;
        int position = 12;
        while (position + 8 <= bytes.limit()) {
            int id = bytes.getInt(position);
            long size = Integer.toUnsignedLong(bytes.getInt(position + 4));
            int body = position + 8;
            if (body + size > bytes.limit()) {
                // a writer that never patched the sizes (streaming): take what is there
                size = bytes.limit() - body;
            }
            if (id == fourCc("fmt ")) {
                if (size < 16) {
                    throw new IOException(file + ": fmt chunk too short");
                }
                int format = Short.toUnsignedInt(bytes.getShort(body));
                int bits = Short.toUnsignedInt(bytes.getShort(body + 14));
                if ((format != PCM && format != EXTENSIBLE) || bits != 16) {
                    throw new IOException(file + ": only 16-bit PCM is supported (format " + format + ", " + bits + " bits)");
                }
                channels = Short.toUnsignedInt(bytes.getShort(body + 2));
                sampleRate = bytes.getInt(body + 4);
            } else if (id == fourCc("data")) {
                samples = new short[(int) (size / 2)];
                bytes.slice(body, samples.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            }
            position = (int) (body + size + (size & 1));
        }
        if (channels == 0 || sampleRate <= 0) {
            throw new IOException(file + ": no usable fmt chunk");
        }
        if (samples == null) {
            throw new IOException(file + ": no data chunk");
        }
        return new Audio(sampleRate, channels, samples);
    }

    public static void write(Path file, Audio audio) throws IOException {
        int dataBytes = audio.samples().length * 2;
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(fourCc("RIFF")).putInt(HEADER_BYTES - 8 + dataBytes).putInt(fourCc("WAVE"));
        bytes.putInt(fourCc("fmt ")).putInt(16).putShort((short) PCM).putShort((short) audio.channels())
                .putInt(audio.sampleRate()).putInt(audio.sampleRate() * audio.channels() * 2)
                .putShort((short) (audio.channels() * 2)).putShort((short) 16);
        bytes.putInt(fourCc("data")).putInt(dataBytes);
        bytes.asShortBuffer().put(audio.samples());
        Files.write(file, bytes.array());
    }

    private static int fourCc(String text) {
        return text.charAt(0) | text.charAt(1) << 8 | text.charAt(2) << 16 | text.charAt(3) << 24;
    }
}

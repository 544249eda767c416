package dev.switchboard.agent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.Wav;

/**
 * iLBC files for the codec tool: RFC 3952 section 5's storage format, a magic line {@code #!iLBC30\n}
 * or {@code #!iLBC20\n} followed by the frames (50 or 38 bytes each), which is what ffmpeg reads and
 * writes as format {@code ilbc}. {@code --codec iLBC} writes 30 ms frames (the codec's default),
 * {@code iLBC20} and {@code iLBC30} pick the mode; decoding takes the mode from the file.
 */
final class IlbcStorage {

    static final String ENCODING_NAME = "iLBC";
    private static final int SAMPLE_RATE = 8000;

    private IlbcStorage() {
    }

    /** The frame length a codec-tool name asks for, or empty when the name is not iLBC's. */
    static OptionalInt requestedMillis(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ilbc", "ilbc30" -> OptionalInt.of(30);
            case "ilbc20" -> OptionalInt.of(20);
            default -> OptionalInt.empty();
        };
    }

    static void encode(AudioCodec codec, int millis, Path in, Path out) throws IOException {
        Wav.Audio audio = Wav.read(in);
        if (audio.sampleRate() != SAMPLE_RATE || audio.channels() != 1) {
            throw new IllegalArgumentException(in + " is " + audio.sampleRate() + " Hz with " + audio.channels()
                    + " channel(s); iLBC takes 8000 Hz mono (convert first, e.g. ffmpeg -i IN -ar 8000 -ac 1 OUT.wav)");
        }
        int frameSamples = SAMPLE_RATE * millis / 1000;
        int frameBytes = frameBytes(millis);
        // the last frame is completed with silence, as a recorder stopping mid-frame would
        int frames = (audio.samples().length + frameSamples - 1) / frameSamples;
        short[] pcm = Arrays.copyOf(audio.samples(), frames * frameSamples);
        byte[] header = magic(millis);
        Encoder encoder = codec.newEncoder();
        byte[] file = new byte[header.length + frames * frameBytes];
        System.arraycopy(header, 0, file, 0, header.length);
        int length = header.length;
        for (int f = 0; f < frames; f++) {
            length += encoder.encode(pcm, f * frameSamples, frameSamples, file, length);
        }
        Files.write(out, Arrays.copyOf(file, length));
    }

    static void decode(AudioCodec codec, Path in, Path out) throws IOException {
        byte[] file = Files.readAllBytes(in);
        int millis;
        if (startsWith(file, magic(30))) {
            millis = 30;
        } else if (startsWith(file, magic(20))) {
            millis = 20;
        } else {
            throw new IllegalArgumentException(in + " is not an iLBC file: it does not start with #!iLBC30 or #!iLBC20"
                    + " (RFC 3952 section 5)");
        }
        int frameBytes = frameBytes(millis);
        int frameSamples = SAMPLE_RATE * millis / 1000;
        int start = magic(millis).length;
        int frames = (file.length - start) / frameBytes;
        if (start + frames * frameBytes != file.length) {
            throw new IllegalArgumentException(in + " ends in a partial frame: " + (file.length - start) + " bytes of "
                    + frameBytes + "-byte frames");
        }
        Decoder decoder = codec.newDecoder();
        short[] pcm = new short[frames * frameSamples];
        for (int f = 0; f < frames; f++) {
            decoder.decode(file, start + f * frameBytes, frameBytes, pcm, f * frameSamples);
        }
        Wav.write(out, new Wav.Audio(SAMPLE_RATE, 1, pcm));
    }

    /** 400 bits per 30 ms frame, 304 per 20 ms frame (RFC 3951 section 3.8). */
    private static int frameBytes(int millis) {
        return millis == 30 ? 50 : 38;
    }

    private static byte[] magic(int millis) {
        return ("#!iLBC" + millis + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] file, byte[] prefix) {
        return file.length >= prefix.length && Arrays.equals(file, 0, prefix.length, prefix, 0, prefix.length);
    }
}

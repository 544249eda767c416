package dev.switchboard.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.media.codec.AudioCodec;

/**
 * Exhaustive comparison with ffmpeg's {@code pcm_mulaw} and {@code pcm_alaw}: every one of the 65536
 * linear sample values is encoded by both, and every one of the 256 code words decoded by both.
 */
class G711FfmpegConformanceTest {

    @TempDir
    Path temp;

    @Test
    void muLawMatchesFfmpegForEverySampleAndCode() throws Exception {
        conforms(new PcmuCodec(), "mulaw", "pcm_mulaw");
    }

    @Test
    void aLawMatchesFfmpegForEverySampleAndCode() throws Exception {
        conforms(new PcmaCodec(), "alaw", "pcm_alaw");
    }

    private void conforms(AudioCodec codec, String format, String ffmpegCodec) throws Exception {
        short[] everySample = new short[65536];
        for (int i = 0; i < everySample.length; i++) {
            everySample[i] = (short) (i - 32768);
        }
        Path linear = temp.resolve("linear.raw");
        Files.write(linear, littleEndian(everySample));
        Path theirCodes = temp.resolve("codes." + format);
        ffmpeg("-f", "s16le", "-ar", "8000", "-ac", "1", "-i", linear.toString(), "-c:a", ffmpegCodec,
                "-f", format, theirCodes.toString());
        byte[] ourCodes = new byte[everySample.length];
        assertEquals(everySample.length, codec.newEncoder().encode(everySample, 0, everySample.length, ourCodes, 0));
        assertArrayEquals(Files.readAllBytes(theirCodes), ourCodes, "encoder differs from ffmpeg " + ffmpegCodec);

        byte[] everyCode = new byte[256];
        for (int i = 0; i < everyCode.length; i++) {
            everyCode[i] = (byte) i;
        }
        Path codes = temp.resolve("every." + format);
        Files.write(codes, everyCode);
        Path theirLinear = temp.resolve("decoded.raw");
        ffmpeg("-f", format, "-ar", "8000", "-ac", "1", "-i", codes.toString(), "-f", "s16le", theirLinear.toString());
        short[] ourLinear = new short[256];
        assertEquals(256, codec.newDecoder().decode(everyCode, 0, 256, ourLinear, 0));
        assertArrayEquals(Files.readAllBytes(theirLinear), littleEndian(ourLinear), "decoder differs from ffmpeg " + ffmpegCodec);
    }

    private static byte[] littleEndian(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }

    private void ffmpeg(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("ffmpeg.log").toFile()).start();
        } catch (IOException e) {
            fail("ffmpeg is not installed: run ./switchboard test as root, or apt-get install ffmpeg");
            return;
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("ffmpeg did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            fail("ffmpeg failed: " + Files.readString(temp.resolve("ffmpeg.log")));
        }
    }
}

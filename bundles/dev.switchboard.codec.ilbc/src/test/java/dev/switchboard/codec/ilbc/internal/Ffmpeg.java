package dev.switchboard.codec.ilbc.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg's iLBC decoder (libavcodec's native one; Debian has no iLBC encoder) run as a process on RFC
 * 3952 storage files. A missing ffmpeg fails the test, naming the Debian package.
 */
final class Ffmpeg {

    private static final long TIMEOUT_SECONDS = 60;

    private final Path workDirectory;
    private final Path executable;
    private int fileCounter;

    Ffmpeg(Path workDirectory) {
        this.workDirectory = workDirectory;
        this.executable = installed();
    }

    /** Decodes a stream of frames of one mode, written as an RFC 3952 section 5 file. */
    short[] decode(IlbcMode mode, byte[] frames) throws IOException, InterruptedException {
        byte[] header = ("#!iLBC" + mode.millis + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] file = new byte[header.length + frames.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(frames, 0, file, header.length, frames.length);
        Path in = Files.write(newFile("lbc"), file);
        Path out = newFile("raw");
        Path stderr = newFile("stderr");
        List<String> command = List.of(executable.toString(), "-nostdin", "-loglevel", "error", "-y", "-f", "ilbc", "-i",
                in.toString(), "-f", "s16le", "-ar", "8000", "-ac", "1", out.toString());
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail(command + " exited with " + process.exitValue() + ":\n" + Files.readString(stderr));
        }
        byte[] s16le = Files.readAllBytes(out);
        short[] pcm = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }

    private Path newFile(String extension) {
        return workDirectory.resolve("ilbc-" + fileCounter++ + "." + extension);
    }

    private static Path installed() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "ffmpeg");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail("ffmpeg is not installed (Debian package ffmpeg). Run ./switchboard test as root once: it installs"
                + " every test peer.");
    }
}

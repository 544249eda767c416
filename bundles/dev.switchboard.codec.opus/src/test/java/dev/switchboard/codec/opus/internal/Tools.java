package dev.switchboard.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference tools, run as processes: opus-tools' opusenc/opusdec and ffmpeg. A missing tool
 * fails the test, naming the Debian package; a conformance test that skips proves nothing.
 */
final class Tools {

    private static final long TIMEOUT_SECONDS = 60;

    private Tools() {
    }

    static Path installed(String program, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(program + " is not installed (Debian package " + debianPackage
                + "). Run ./switchboard test as root once: it installs every test peer.");
    }

    /** Runs a tool to completion; fails the test with its error output if it does not succeed. */
    static void run(Path workDirectory, Object... command) throws IOException, InterruptedException {
        List<String> words = new ArrayList<>();
        for (Object word : command) {
            words.add(word.toString());
        }
        Path stderr = Files.createTempFile(workDirectory, "stderr", ".txt");
        Process process = new ProcessBuilder(words).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(words + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            fail(words + " exited with " + process.exitValue() + ":\n" + Files.readString(stderr));
        }
    }

    static byte[] toBytes(short[] pcm) {
        ByteBuffer buffer = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(pcm);
        return buffer.array();
    }

    static short[] readRaw(Path s16le) throws IOException {
        byte[] bytes = Files.readAllBytes(s16le);
        short[] pcm = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }
}

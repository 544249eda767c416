package dev.switchboard.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The G.722 implementations we must agree with, run as processes: ffmpeg's, and spandsp's through a
 * small C program built here against libspandsp. A missing tool fails the test, naming the Debian
 * package, because a conformance test that skips proves nothing.
 */
final class ReferenceCodecs {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Path SPANDSP_SOURCE = Path.of("src/test/c/spandsp_g722.c");

    private final Path workDirectory;
    private final Path ffmpeg;
    private final Path spandspTool;
    private int fileCounter;

    ReferenceCodecs(Path workDirectory) throws IOException, InterruptedException {
        this.workDirectory = workDirectory;
        this.ffmpeg = installed("ffmpeg", "ffmpeg");
        Path gcc = installed("gcc", "gcc");
        this.spandspTool = workDirectory.resolve("spandsp_g722");
        Result build = run(List.of(gcc.toString(), "-O2", "-o", spandspTool.toString(), SPANDSP_SOURCE.toString(), "-lspandsp"));
        if (build.exitCode != 0) {
            fail(build.stderr.contains("spandsp") ? missing("libspandsp (spandsp.h or libspandsp.so)", "libspandsp-dev")
                    + "\n" + build.stderr : "building the spandsp reference tool failed:\n" + build.stderr);
        }
    }

    byte[] ffmpegEncode(short[] pcm) throws IOException, InterruptedException {
        Path in = write(toBytes(pcm), "raw");
        Path out = newFile("g722");
        check(run(List.of(ffmpeg.toString(), "-nostdin", "-loglevel", "error", "-y", "-f", "s16le", "-ar", "16000",
                "-ac", "1", "-i", in.toString(), "-c:a", "g722", "-f", "g722", out.toString())));
        return Files.readAllBytes(out);
    }

    short[] ffmpegDecode(byte[] g722) throws IOException, InterruptedException {
        Path in = write(g722, "g722");
        Path out = newFile("raw");
        check(run(List.of(ffmpeg.toString(), "-nostdin", "-loglevel", "error", "-y", "-f", "g722", "-i", in.toString(),
                "-f", "s16le", "-ar", "16000", "-ac", "1", out.toString())));
        return toSamples(Files.readAllBytes(out));
    }

    byte[] spandspEncode(short[] pcm) throws IOException, InterruptedException {
        Path in = write(toBytes(pcm), "raw");
        Path out = newFile("g722");
        check(run(List.of(spandspTool.toString(), "encode", in.toString(), out.toString())));
        return Files.readAllBytes(out);
    }

    short[] spandspDecode(byte[] g722) throws IOException, InterruptedException {
        Path in = write(g722, "g722");
        Path out = newFile("raw");
        check(run(List.of(spandspTool.toString(), "decode", in.toString(), out.toString())));
        return toSamples(Files.readAllBytes(out));
    }

    private static Path installed(String program, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(missing(program, debianPackage));
    }

    private static String missing(String what, String debianPackage) {
        return what + " is not installed (Debian package " + debianPackage
                + "). Run ./switchboard test as root once: it installs every test peer.";
    }

    private Path write(byte[] content, String extension) throws IOException {
        return Files.write(newFile(extension), content);
    }

    private Path newFile(String extension) {
        return workDirectory.resolve("stream-" + fileCounter++ + "." + extension);
    }

    private record Result(int exitCode, String stderr, List<String> command) {
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        Path stderr = newFile("stderr");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(stderr), command);
    }

    private static void check(Result result) {
        if (result.exitCode != 0) {
            fail(result.command + " exited with " + result.exitCode + ":\n" + result.stderr);
        }
    }

    static byte[] toBytes(short[] pcm) {
        ByteBuffer buffer = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(pcm);
        return buffer.array();
    }

    static short[] toSamples(byte[] s16le) {
        short[] pcm = new short[s16le.length / 2];
        ByteBuffer.wrap(s16le).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
        return pcm;
    }
}

package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent product started through {@code ./switchboard agent}, exactly as a user or script
 * starts it, with its stdout read as JSON lines.
 */
final class AgentProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path stderr;

    private AgentProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("agent-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("{\"event\":\"test-reader-failed\"}");
            }
        });
    }

    static Path root() {
        return Path.of(System.getProperty("switchboard.root", "../..")).toAbsolutePath().normalize();
    }

    static Path output() throws IOException {
        Path out = Path.of(System.getProperty("switchboard.test.output", "target/peer-output"));
        return Files.createDirectories(out);
    }

    static AgentProcess start(Path profile, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(root().resolve("switchboard").toString(), "agent",
                "--profile", profile.toString()));
        command.addAll(List.of(options));
        Path stderr = Files.createTempFile(output(), "agent-", ".stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("SWITCHBOARD_NO_BUILD", "1");
        return new AgentProcess(builder.start(), stderr);
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** The next line whose event is {@code name}; fails with everything seen when none comes in time. */
    String await(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String marker = "{\"event\":\"" + name + "\"";
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no '" + name + "' event within " + timeout + "; saw " + seen + "; stderr: " + stderrTail());
            }
            seen.add(line);
            if (line.startsWith(marker)) {
                return line;
            }
        }
    }

    String await(String name) throws InterruptedException {
        return await(name, REPLY_TIMEOUT);
    }

    /** The next line whose event is {@code name} and which contains {@code fragment}; other lines are passed over. */
    String await(String name, String fragment, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = await(name, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.contains(fragment)) {
                return line;
            }
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("agent still running after " + timeout + "; saw " + seen);
        }
        return process.exitValue();
    }

    /**
     * Sends SIGTERM to the agent's JVM (what a logout or systemd sends; {@code ./switchboard} execs the JVM, so the
     * process started is the JVM) and returns the time it was sent, in {@link System#nanoTime()}. Through the process
     * handle: {@code Process.destroy()} also closes the agent's stdin, whose end alone would make it quit.
     */
    long terminate() {
        long sent = System.nanoTime();
        process.toHandle().destroy();
        return sent;
    }

    /** Everything the agent wrote to stderr (its log) so far. */
    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** Lines on stdout that are not JSON events; call after the process has ended. */
    List<String> strayLines() {
        lines.drainTo(seen);
        return seen.stream().filter(line -> !line.startsWith("{\"event\":\"")).toList();
    }

    String stderrTail() {
        try {
            List<String> all = Files.readAllLines(stderr);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}

package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A long-running peer program with its output kept in a log file. Created by {@link Workspace#launch}. */
final class PeerProcess {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final int TAIL_LINES = 40;

    /** One attempt of a readiness probe; any exception counts as "not ready yet". */
    @FunctionalInterface
    interface Probe {
        boolean ready() throws Exception;
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private PeerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    static PeerProcess start(String name, Path directory, Path logFile, Map<String, String> environment,
            List<String> command, ProcessBuilder.Redirect standardOutput) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectOutput(standardOutput == null ? ProcessBuilder.Redirect.appendTo(logFile.toFile()) : standardOutput);
        builder.environment().putAll(environment);
        try {
            return new PeerProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new PeerStartException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    Process process() {
        return process;
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Polls {@code probe} until it reports ready. Fails with the tail of the log if the process ends first or
     * the probe has not succeeded within {@code timeout}.
     */
    void awaitReady(String probeDescription, Duration timeout, Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new PeerStartException(name + " exited with code " + process.exitValue() + " while starting"
                        + logTailSection());
            }
            if (attempt(probe)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PeerStartException(name + " was not ready within " + timeout.toMillis() + " ms ("
                        + probeDescription + ")" + logTailSection());
            }
            pause();
        }
    }

    /** Fails with the log tail if the process is no longer running. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " has exited with code " + process.exitValue() + logTailSection());
        }
    }

    String logTailSection() {
        return "\n--- last lines of " + logFile + " ---\n" + logTail() + "--- end of log ---";
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            StringBuilder tail = new StringBuilder();
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                    .forEach(line -> tail.append(line).append('\n'));
            return tail.toString();
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")\n";
        } catch (UncheckedIOException e) {
            return "(log unreadable: " + e.getCause().getMessage() + ")\n";
        }
    }

    void stop() {
        ProcessTree.stop(process);
    }

    private static boolean attempt(Probe probe) {
        try {
            return probe.ready();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted while waiting for a peer", e);
        } catch (Exception notReadyYet) {
            return false;
        }
    }

    static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted while waiting for a peer", e);
        }
    }
}

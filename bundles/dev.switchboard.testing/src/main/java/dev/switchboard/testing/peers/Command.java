package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short helper program (openssl, slapadd, kamcmd, pactl, xdotool, ...) to its end. */
final class Command {
    private Command() {
    }

    /** What a finished program printed (stdout and stderr together) and its exit code. */
    record Outcome(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code command} in {@code directory}; kills it and fails if it has not ended within {@code timeout}. */
    static Outcome run(Duration timeout, Path directory, Map<String, String> environment, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new PeerStartException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                Thread::startVirtualThread);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(process);
                throw new PeerStartException(command.getFirst() + " did not finish within " + timeout);
            }
            return new Outcome(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            ProcessTree.stop(process);
            Thread.currentThread().interrupt();
            throw new PeerStartException("interrupted while running " + command.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PeerStartException("cannot read the output of " + command.getFirst(), e);
        }
    }

    /** Like {@link #run} but fails, with the program's output, unless it exits with 0. */
    static String require(Duration timeout, Path directory, Map<String, String> environment, List<String> command) {
        Outcome outcome = run(timeout, directory, environment, command);
        if (!outcome.succeeded()) {
            throw new PeerStartException(command.getFirst() + " failed with exit code " + outcome.exitCode() + ":\n"
                    + outcome.output());
        }
        return outcome.output();
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }
}

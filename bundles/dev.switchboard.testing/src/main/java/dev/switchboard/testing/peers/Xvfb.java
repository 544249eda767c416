package dev.switchboard.testing.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A virtual X display (Xvfb) on a free display number, not listening on TCP. Start X clients with
 * {@link #environment()}, wait for their windows by title and take screenshots of the whole screen.
 */
public final class Xvfb implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(15);

    private final Workspace workspace;
    private final PeerProcess process;
    private final String display;

    private Xvfb(Workspace workspace, PeerProcess process, String display) {
        this.workspace = workspace;
        this.process = process;
        this.display = display;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The display name, {@code ":N"}. */
    public String display() {
        return display;
    }

    /** {@code DISPLAY} for client processes. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    /**
     * Waits until a visible window whose name matches {@code title} (a regular expression, as xdotool
     * takes it) exists and returns its X window id.
     *
     * @throws AssertionError if there is none within {@code timeout}
     */
    public String waitForWindow(String title, Duration timeout) {
        String xdotool = Installed.program("xdotool", "xdotool");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            process.requireAlive();
            Command.Outcome outcome = Command.run(TOOL_TIMEOUT, workspace.directory(), environment(),
                    List.of(xdotool, "search", "--onlyvisible", "--name", title));
            // exit code 1 just means "no window yet"
            if (outcome.succeeded() && !outcome.output().isBlank()) {
                return outcome.output().strip().lines().findFirst().orElseThrow();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no visible window named '" + title + "' on " + display + " within "
                        + timeout.toMillis() + " ms");
            }
            PeerProcess.pause();
        }
    }

    /** Saves the whole screen as a PNG at {@code png} (with ImageMagick's {@code import}) and returns it. */
    public Path screenshot(Path png) {
        process.requireAlive();
        String importProgram = Installed.program("import", "imagemagick");
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the directory of " + png, e);
        }
        Command.Outcome outcome = Command.run(TOOL_TIMEOUT, workspace.directory(), environment(),
                List.of(importProgram, "-window", "root", png.toAbsolutePath().toString()));
        if (!outcome.succeeded()) {
            throw new IllegalStateException("import failed with exit code " + outcome.exitCode() + ": " + outcome.output());
        }
        return png;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** Screen size, then starts Xvfb. */
    public static final class Builder {
        private int width = 1280;
        private int height = 800;

        private Builder() {
        }

        /** Screen size in pixels (24-bit colour); default 1280x800. */
        public Builder screen(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Xvfb start() {
            String xvfb = Installed.program("Xvfb", "xvfb");
            String xdpyinfo = Installed.program("xdpyinfo", "x11-utils");
            return Workspace.open("xvfb", workspace -> {
                // -displayfd: Xvfb picks a free display itself and writes its number to stdout once it accepts
                // clients, which avoids racing another X server for a number. -noreset: an X server resets when its
                // last client leaves, and a client connecting during the reset is refused (a desktop started right
                // after the previous one closed failed gtk_init_check)
                PeerProcess process = workspace.launch(Map.of(), List.of(xvfb, "-displayfd", "1", "-noreset",
                        "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp"), ProcessBuilder.Redirect.PIPE);
                String display = ":" + readDisplayNumber(process);
                Xvfb started = new Xvfb(workspace, process, display);
                process.awaitReady("xdpyinfo answered", START_TIMEOUT, () -> Command.run(TOOL_TIMEOUT,
                        workspace.directory(), Map.of(), List.of(xdpyinfo, "-display", display)).succeeded());
                return started;
            });
        }

        private static String readDisplayNumber(PeerProcess process) {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.process().getInputStream(), StandardCharsets.US_ASCII));
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, Thread::startVirtualThread);
            try {
                String number = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (number == null || !number.strip().matches("\\d+")) {
                    throw new PeerStartException("Xvfb did not report a display number" + process.logTailSection());
                }
                return number.strip();
            } catch (TimeoutException e) {
                throw new PeerStartException("Xvfb did not report a display number within " + START_TIMEOUT.toMillis()
                        + " ms" + process.logTailSection());
            } catch (ExecutionException e) {
                throw new PeerStartException("cannot read Xvfb's display number", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerStartException("interrupted while starting Xvfb", e);
            }
        }
    }
}

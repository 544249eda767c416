package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.testing.peers.Xvfb;

/**
 * A real system tray on the test's X server: Debian's {@code trayer} (an XEmbed tray, the protocol
 * GTK's status icons use), docked at the top right of the screen on a white background. Its
 * {@code panel} window grows by the icons embedded in it, which is how a test sees an icon arrive.
 */
final class TrayHost implements AutoCloseable {

    private static final Duration ICON_TIMEOUT = Duration.ofSeconds(30);

    private final Xvfb xvfb;
    private final Process process;

    private TrayHost(Xvfb xvfb, Process process) {
        this.xvfb = xvfb;
        this.process = process;
    }

    static TrayHost start(Xvfb xvfb) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("trayer", "--edge", "top", "--align", "right", "--widthtype",
                "request", "--height", "48", "--transparent", "true", "--alpha", "0", "--tint", "0xffffff",
                "--SetDockType", "true")
                .redirectErrorStream(true)
                .redirectOutput(AgentProcess.output().resolve("trayer.log").toFile());
        builder.environment().putAll(xvfb.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException missing) {
            throw new IOException("trayer is not installed: run ./switchboard test as root, or apt-get install trayer",
                    missing);
        }
        TrayHost host = new TrayHost(xvfb, process);
        host.panel();
        return host;
    }

    /** The tray's panel: x, y, width, height on the screen, once it holds at least one icon. */
    int[] awaitIcon() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ICON_TIMEOUT.toNanos();
        int[] panel = panel();
        while (panel[2] < 8 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
            panel = panel();
        }
        if (panel[2] < 8) {
            fail("no icon arrived in the tray within " + ICON_TIMEOUT + "; panel " + List.of(panel[0], panel[1], panel[2], panel[3]));
        }
        return panel;
    }

    /** The panel window's geometry (an empty tray is 2 pixels wide). */
    private int[] panel() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ICON_TIMEOUT.toNanos();
        while (true) {
            String window = xdotool("search", "--onlyvisible", "--class", "trayer").lines()
                    .filter(id -> !id.isBlank()).findFirst().orElse("");
            if (!window.isEmpty()) {
                String geometry = xdotool("getwindowgeometry", "--shell", window);
                int[] values = new int[4];
                for (String line : geometry.lines().toList()) {
                    String[] pair = line.split("=", 2);
                    switch (pair[0]) {
                        case "X" -> values[0] = Integer.parseInt(pair[1].strip());
                        case "Y" -> values[1] = Integer.parseInt(pair[1].strip());
                        case "WIDTH" -> values[2] = Integer.parseInt(pair[1].strip());
                        case "HEIGHT" -> values[3] = Integer.parseInt(pair[1].strip());
                        default -> { }
                    }
                }
                return values;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("trayer did not show its panel (see trayer.log)");
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    private String xdotool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(xvfb.environment());
        Process tool = builder.start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(20, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            fail("xdotool " + String.join(" ", arguments) + " hung");
        }
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Xvfb;

/**
 * {@code ./switchboard run} under Xvfb: the window opens, and its status area, read through the
 * accessibility tree (AT-SPI) as a screen reader would, shows the profile's account.
 */
class DesktopSmokeIT {

    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final String STATUS_AREA = "Registration status";

    @RegisterExtension
    static final PeerExtension<Xvfb> XVFB = PeerExtension.of(() -> Xvfb.builder().screen(1280, 800).start());

    @TempDir
    Path temp;

    @Test
    void theWindowOpensAndItsStatusAreaShowsTheAccounts() throws Exception {
        Path profile = temp.resolve("profile");
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("account add alice sip user=alice domain=127.0.0.1 display=Alice");
            agent.await("ok");
            agent.send("quit");
            assertEquals(0, agent.exitCode(Duration.ofSeconds(30)));
        }
        try (SessionBus bus = SessionBus.start(temp.resolve("bus"))) {
            ProcessBuilder desktop = new ProcessBuilder(AgentProcess.root().resolve("switchboard").toString(), "run",
                    "--profile", profile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(AgentProcess.output().resolve("desktop.log").toFile());
            desktop.environment().putAll(XVFB.get().environment());
            desktop.environment().putAll(bus.environment());
            desktop.environment().put("SWITCHBOARD_NO_BUILD", "1");
            Process process = desktop.start();
            try {
                // SWT on GTK pads the X11 window name with a trailing blank
                XVFB.get().waitForWindow("^Switchboard ?$", WINDOW_TIMEOUT);
                List<String> statusLabels = statusArea(bus);
                assertTrue(statusLabels.stream().anyMatch(label -> label.equals("Alice (alice): not registered")),
                        "the status area does not show the account: " + statusLabels);
            } finally {
                XVFB.get().screenshot(AgentProcess.output().resolve("desktop-smoke.png"));
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    /** The labels inside the status area, polled until the area and an entry appear. */
    private List<String> statusArea(SessionBus bus) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        List<String> tree = List.of();
        while (System.nanoTime() < deadline) {
            tree = accessibilityTree(bus);
            List<String> labels = labelsUnder(tree, STATUS_AREA);
            if (!labels.isEmpty()) {
                return labels;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return fail("no '" + STATUS_AREA + "' area with labels in the accessibility tree:\n" + String.join("\n", tree));
    }

    private static List<String> accessibilityTree(SessionBus bus) throws IOException, InterruptedException {
        Path probe = AgentProcess.root().resolve("releng/dev.switchboard.product.tests/a11y/a11y_tree.py");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", probe.toString(), "Switchboard")
                .redirectErrorStream(true);
        builder.environment().putAll(XVFB.get().environment());
        builder.environment().putAll(bus.environment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return List.of();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (text.contains("No module named 'pyatspi'")) {
            fail("python3-pyatspi is not installed: run ./switchboard test as root, or apt-get install python3-pyatspi");
        }
        return text.lines().toList();
    }

    /** Names of the labels below the first node called {@code area} (lines are depth, role, name). */
    static List<String> labelsUnder(List<String> tree, String area) {
        List<String> labels = new ArrayList<>();
        int areaDepth = -1;
        for (String line : tree) {
            String[] fields = line.split("\t", 3);
            if (fields.length < 3) {
                continue;
            }
            int depth = Integer.parseInt(fields[0]);
            if (areaDepth < 0) {
                if (fields[2].equals(area)) {
                    areaDepth = depth;
                }
            } else if (depth <= areaDepth) {
                break;
            } else if (fields[1].equals("label") && !fields[2].isBlank()) {
                labels.add(fields[2]);
            }
        }
        return labels;
    }

    /** A private D-Bus session bus, so the accessibility bus (AT-SPI) can run under Xvfb. */
    private record SessionBus(Process daemon, String address) implements AutoCloseable {

        static SessionBus start(Path directory) throws IOException, InterruptedException {
            Files.createDirectories(directory);
            String address = "unix:path=" + directory.resolve("bus").toAbsolutePath();
            Process daemon;
            try {
                daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile",
                        "--address=" + address).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("dbus.log").toFile()).start();
            } catch (IOException e) {
                return fail("dbus-daemon is not installed: run ./switchboard test as root, or apt-get install dbus");
            }
            Path socket = directory.resolve("bus");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!daemon.isAlive() || System.nanoTime() > deadline) {
                    daemon.destroyForcibly();
                    return fail("dbus-daemon did not start: " + Files.readString(directory.resolve("dbus.log")));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            return new SessionBus(daemon, address);
        }

        java.util.Map<String, String> environment() {
            return java.util.Map.of("DBUS_SESSION_BUS_ADDRESS", address, "GNOME_ACCESSIBILITY", "1",
                    "GTK_MODULES", "gail:atk-bridge", "NO_AT_BRIDGE", "0");
        }

        @Override
        public void close() {
            // the accessibility bus was started by D-Bus activation, as the daemon's child
            daemon.descendants().forEach(ProcessHandle::destroy);
            daemon.destroy();
        }
    }
}

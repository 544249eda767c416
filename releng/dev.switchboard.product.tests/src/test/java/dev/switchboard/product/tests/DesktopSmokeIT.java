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
 * {@code ./switchboard run} under Xvfb, read through the accessibility tree (AT-SPI) as a screen
 * reader would: the window opens with its dialpad, calls and availability controls named; the
 * status area shows the profile's account; a number typed with Enter while no account is
 * registered gives the inline reason; a profile without accounts is offered the account wizard.
 * Screenshots of each go to {@code target/peer-output}.
 */
class DesktopSmokeIT {

    private static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final String STATUS_AREA = "Registration status";
    private static final String ADDRESS_FIELD = "Number or address";
    /** Named controls of the window, as role and accessible name in the AT-SPI tree. */
    private static final List<String> CONTROLS = List.of("text\tNumber or address", "combo box\tCall from",
            "push button\tCall", "push button\tRedial", "push button\tFlash", "push button\t5", "push button\t*",
            "push button\t#", "panel\tCalls", "label\tNo calls. Dial a number on the left; incoming calls appear here.",
            "combo box\tMy status", "text\tMy status");

    @RegisterExtension
    static final PeerExtension<Xvfb> XVFB = PeerExtension.of(() -> Xvfb.builder().screen(1280, 800).start());

    @TempDir
    Path temp;

    @Test
    void theWindowOpensWithItsControlsAndDiallingWithoutARegisteredAccountExplainsWhy() throws Exception {
        Path profile = temp.resolve("profile");
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("account add alice sip user=alice domain=127.0.0.1 display=Alice");
            agent.await("ok");
            agent.send("quit");
            assertEquals(0, agent.exitCode(Duration.ofSeconds(30)));
        }
        try (SessionBus bus = SessionBus.start(temp.resolve("bus"))) {
            Process process = startDesktop(profile, bus);
            try {
                // SWT on GTK pads the X11 window name with a trailing blank
                String window = XVFB.get().waitForWindow("^Switchboard ?$", WINDOW_TIMEOUT);
                List<String> statusLabels = statusArea(bus);
                assertTrue(statusLabels.stream().anyMatch(label -> label.equals("Alice (alice): not registered")),
                        "the status area does not show the account: " + statusLabels);
                List<String> tree = accessibilityTree(bus, null);
                for (String control : CONTROLS) {
                    assertTrue(tree.stream().anyMatch(line -> line.endsWith("\t" + control)),
                            "no '" + control.replace('\t', ' ') + "' in the accessibility tree:\n" + String.join("\n", tree));
                }
                XVFB.get().screenshot(AgentProcess.output().resolve("desktop-main.png"));

                // Enter in the address field dials; with no registered account the reason shows under it
                accessibilityTree(bus, ADDRESS_FIELD);
                xdotool("windowfocus", "--sync", window);
                xdotool("type", "--delay", "20", "555 123-4");
                xdotool("key", "Return");
                String error = awaitLabel(bus, "Cannot call: no account is registered");
                assertEquals("Cannot call: no account is registered \u2014 Alice is not registered.", error);
                XVFB.get().screenshot(AgentProcess.output().resolve("desktop-dial-error.png"));
            } finally {
                XVFB.get().screenshot(AgentProcess.output().resolve("desktop-smoke.png"));
                stop(process);
                keepWorkbenchLog(profile);
            }
        }
    }

    @Test
    void aProfileWithoutAccountsIsOfferedTheAccountWizard() throws Exception {
        Path profile = temp.resolve("empty-profile");
        try (SessionBus bus = SessionBus.start(temp.resolve("bus"))) {
            Process process = startDesktop(profile, bus);
            try {
                XVFB.get().waitForWindow("^Add an account ?$", WINDOW_TIMEOUT);
                String welcome = awaitLabel(bus, "Welcome to Switchboard");
                assertEquals("Welcome to Switchboard", welcome);
                // the product carries protocol plug-ins, so the wizard opens on a form for the first of them
                assertEquals("Protocol", awaitLabel(bus, "Protocol"));
                assertEquals("Account name", awaitLabel(bus, "Account name"));
            } finally {
                XVFB.get().screenshot(AgentProcess.output().resolve("desktop-first-start.png"));
                stop(process);
                keepWorkbenchLog(profile);
            }
        }
    }

    private static Process startDesktop(Path profile, SessionBus bus) throws IOException {
        ProcessBuilder desktop = new ProcessBuilder(AgentProcess.root().resolve("switchboard").toString(), "run",
                "--profile", profile.toString())
                .redirectErrorStream(true)
                .redirectOutput(AgentProcess.output().resolve("desktop-" + profile.getFileName() + ".log").toFile());
        desktop.environment().putAll(XVFB.get().environment());
        desktop.environment().putAll(bus.environment());
        desktop.environment().put("SWITCHBOARD_NO_BUILD", "1");
        return desktop.start();
    }

    /** The workbench's own log (start-up errors land there, not on stdout) next to the screenshots. */
    private static void keepWorkbenchLog(Path profile) throws IOException {
        Path log = profile.resolve("data/.metadata/.log");
        if (Files.exists(log)) {
            Files.copy(log, AgentProcess.output().resolve("desktop-" + profile.getFileName() + ".workbench.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Polls the tree until a label starting with {@code prefix} appears, and returns its text. */
    private static String awaitLabel(SessionBus bus, String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        List<String> tree = List.of();
        while (System.nanoTime() < deadline) {
            tree = accessibilityTree(bus, null);
            for (String line : tree) {
                String[] fields = line.split("\t", 3);
                if (fields.length == 3 && fields[1].equals("label") && fields[2].startsWith(prefix)) {
                    return fields[2];
                }
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return fail("no label '" + prefix + "…' in the accessibility tree:\n" + String.join("\n", tree));
    }

    private static void xdotool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(XVFB.get().environment());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            fail("xdotool " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    /** The labels inside the status area, polled until the area and an entry appear. */
    private List<String> statusArea(SessionBus bus) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        List<String> tree = List.of();
        while (System.nanoTime() < deadline) {
            tree = accessibilityTree(bus, null);
            List<String> labels = labelsUnder(tree, STATUS_AREA);
            if (!labels.isEmpty()) {
                return labels;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return fail("no '" + STATUS_AREA + "' area with labels in the accessibility tree:\n" + String.join("\n", tree));
    }

    /** The tree, a line per node; with {@code focus}, after moving the keyboard focus to the node so named. */
    private static List<String> accessibilityTree(SessionBus bus, String focus) throws IOException, InterruptedException {
        Path probe = AgentProcess.root().resolve("releng/dev.switchboard.product.tests/a11y/a11y_tree.py");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", probe.toString()));
        if (focus != null) {
            command.addAll(List.of("--focus", focus));
        }
        command.add("Switchboard");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
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
        if (focus != null && process.exitValue() == 2) {
            fail("the accessibility tree has no '" + focus + "':\n" + text);
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

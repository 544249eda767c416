package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.switchboard.testing.peers.Xvfb;

/**
 * The desktop product ({@code ./switchboard run}) under Xvfb, seen and driven through the
 * accessibility tree (AT-SPI on a private D-Bus) and xdotool, as a screen-reader or keyboard user
 * would. Tree lines are {@code depth<TAB>role<TAB>name}. Always stops the product and the bus.
 */
final class DesktopSession implements AutoCloseable {

    static final Duration WINDOW_TIMEOUT = Duration.ofSeconds(90);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

    private final Xvfb xvfb;
    private final Path profile;
    private final SessionBus bus;
    private Process process;
    /** The tree the last poll read, for failure messages. */
    private List<String> lastTree = List.of();

    private DesktopSession(Xvfb xvfb, Path profile, SessionBus bus) {
        this.xvfb = xvfb;
        this.profile = profile;
        this.bus = bus;
    }

    /** Starts the desktop on {@code profile}; its D-Bus lives in {@code busDirectory}. */
    static DesktopSession start(Xvfb xvfb, Path profile, Path busDirectory) throws IOException, InterruptedException {
        return start(xvfb, profile, busDirectory, Map.of());
    }

    /** As {@link #start(Xvfb, Path, Path)}, with {@code environment} added to the desktop's (a GTK theme, say). */
    static DesktopSession start(Xvfb xvfb, Path profile, Path busDirectory, Map<String, String> environment)
            throws IOException, InterruptedException {
        DesktopSession session = new DesktopSession(xvfb, profile, SessionBus.start(xvfb, busDirectory));
        try {
            ProcessBuilder desktop = new ProcessBuilder(AgentProcess.root().resolve("switchboard").toString(), "run",
                    "--profile", profile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(AgentProcess.output().resolve("desktop-" + profile.getFileName() + ".log").toFile());
            desktop.environment().putAll(xvfb.environment());
            desktop.environment().putAll(session.bus.environment());
            desktop.environment().put("SWITCHBOARD_NO_BUILD", "1");
            desktop.environment().putAll(environment);
            session.process = desktop.start();
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Waits for the main window; returns its X11 id. SWT on GTK pads the window name with a trailing blank. */
    String awaitMainWindow() throws IOException, InterruptedException {
        String first = xvfb.waitForWindow("^Switchboard ?$", WINDOW_TIMEOUT);
        // a tray icon's window (GTK's status icon, embedded in a tray) has the same name: take the wide one
        long deadline = System.nanoTime() + WINDOW_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String id : xdotoolOutput("search", "--onlyvisible", "--name", "^Switchboard ?$").lines().toList()) {
                String geometry = xdotoolOutput("getwindowgeometry", "--shell", id.strip());
                if (geometry.lines().anyMatch(line -> line.startsWith("WIDTH=")
                        && Integer.parseInt(line.substring("WIDTH=".length()).strip()) >= 300)) {
                    return id.strip();
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return fail("no main window wider than 300 pixels named Switchboard; first match " + first);
    }

    /** What xdotool printed; empty when it found nothing (a window may vanish between search and query). */
    String xdotoolOutput(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().putAll(xvfb.environment());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process tool = builder.start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(20, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            return "";
        }
        return tool.exitValue() == 0 ? output : "";
    }

    String awaitWindow(String titlePattern) {
        return xvfb.waitForWindow(titlePattern, WINDOW_TIMEOUT);
    }

    Path screenshot(String name) throws IOException {
        return xvfb.screenshot(AgentProcess.output().resolve(name));
    }

    /** The tree, a line per node. */
    List<String> tree() throws IOException, InterruptedException {
        return probe(List.of(), false);
    }

    /** As {@link #tree()}, with only the nodes on screen (what a screen reader user can reach). */
    List<String> showingTree() throws IOException, InterruptedException {
        return probe(List.of("--showing"), false);
    }

    /**
     * Runs probe options such as {@code --within AREA --press NAME} or {@code --click NAME}
     * (see a11y_tree.py); fails when a named node is not there.
     */
    List<String> act(String... options) throws IOException, InterruptedException {
        return probe(List.of(options), true);
    }

    /** Like {@link #act}, but retries until the named nodes exist (the window may still be building them). */
    void actWhenThere(String... options) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ProbeResult result = run(List.of(options));
            if (result.exit() == 0) {
                return;
            }
            last = result.output();
            TimeUnit.MILLISECONDS.sleep(250);
        }
        fail("could not " + String.join(" ", options) + ":\n" + last);
    }

    /** Polls the tree until a node of {@code role} whose name matches appears; returns its name. */
    String await(String role, Predicate<String> name, String what) throws IOException, InterruptedException {
        Optional<String> found = poll(tree -> find(tree, role, name), PROBE_TIMEOUT);
        return found.orElseGet(() -> fail("no " + role + " " + what + " in the accessibility tree:\n" + lastTree()));
    }

    /** Polls the tree until no node of {@code role} whose name matches is left. */
    void awaitGone(String role, Predicate<String> name, String what) throws IOException, InterruptedException {
        Optional<String> gone = poll(tree -> find(tree, role, name).isPresent() ? Optional.empty() : Optional.of("gone"),
                PROBE_TIMEOUT);
        if (gone.isEmpty()) {
            fail(role + " " + what + " is still there:\n" + lastTree());
        }
    }

    static Optional<String> find(List<String> tree, String role, Predicate<String> name) {
        for (String line : tree) {
            String[] fields = line.split("\t", 3);
            if (fields.length == 3 && fields[1].equals(role) && name.test(fields[2])) {
                return Optional.of(fields[2]);
            }
        }
        return Optional.empty();
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

    private String lastTree() {
        return String.join("\n", lastTree);
    }

    private Optional<String> poll(java.util.function.Function<List<String>, Optional<String>> test, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            lastTree = tree();
            Optional<String> found = test.apply(lastTree);
            if (found.isPresent()) {
                return found;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return Optional.empty();
    }

    void type(String window, String text) throws IOException, InterruptedException {
        xdotool("windowfocus", "--sync", window);
        xdotool("type", "--delay", "20", text);
    }

    void key(String key) throws IOException, InterruptedException {
        xdotool("key", key);
    }

    void xdotool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(xvfb.environment());
        Process tool = builder.start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tool.waitFor(20, TimeUnit.SECONDS) || tool.exitValue() != 0) {
            tool.destroyForcibly();
            fail("xdotool " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    private record ProbeResult(int exit, String output) {
    }

    private List<String> probe(List<String> options, boolean failIfMissing) throws IOException, InterruptedException {
        ProbeResult result = run(options);
        if (failIfMissing && result.exit() == 2) {
            fail(String.join(" ", options) + ": " + result.output());
        }
        return result.output().lines().toList();
    }

    private ProbeResult run(List<String> options) throws IOException, InterruptedException {
        Path probe = AgentProcess.root().resolve("releng/dev.switchboard.product.tests/a11y/a11y_tree.py");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", probe.toString()));
        command.addAll(options);
        command.add("Switchboard");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(xvfb.environment());
        builder.environment().putAll(bus.environment());
        Process tool = builder.start();
        byte[] output = tool.getInputStream().readAllBytes();
        if (!tool.waitFor(20, TimeUnit.SECONDS)) {
            tool.destroyForcibly();
            return new ProbeResult(1, "");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (text.contains("No module named 'pyatspi'")) {
            fail("python3-pyatspi is not installed: run ./switchboard test as root, or apt-get install python3-pyatspi");
        }
        return new ProbeResult(tool.exitValue(), text);
    }

    /**
     * Sends SIGTERM to the desktop's JVM, as a session logout does ({@code ./switchboard run} execs the JVM), and
     * waits for it to end; returns how long that took. Fails when it is still running after {@code bound}.
     */
    Duration terminate(Duration bound) throws InterruptedException {
        long sent = System.nanoTime();
        process.toHandle().destroy();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the desktop still runs " + bound.toMillis() + " ms after SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - sent);
    }

    /** Felix SCR's component cache in the profile's configuration area (see docs/architecture.md), if written. */
    Optional<Path> componentCache() throws IOException {
        Path area = profile.resolve("configuration/desktop/org.eclipse.osgi");
        if (!Files.isDirectory(area)) {
            return Optional.empty();
        }
        try (var files = Files.find(area, 3, (file, attributes) -> file.endsWith("data/componentMetadataStore"))) {
            return files.findFirst();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (process != null) {
                try {
                    screenshot("desktop-" + profile.getFileName() + "-last.png");
                } finally {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            }
            // the workbench's own log (start-up errors land there, not on stdout) next to the screenshots
            Path log = profile.resolve("data/.metadata/.log");
            if (Files.exists(log)) {
                Files.copy(log, AgentProcess.output().resolve("desktop-" + profile.getFileName() + ".workbench.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            bus.close();
        }
    }

    /** A private D-Bus session bus, so the accessibility bus (AT-SPI) can run under Xvfb. */
    private record SessionBus(Process daemon, String address, Path runtime) implements AutoCloseable {

        static SessionBus start(Xvfb xvfb, Path directory) throws IOException, InterruptedException {
            Files.createDirectories(directory);
            String address = "unix:path=" + directory.resolve("bus").toAbsolutePath();
            Path runtime = Files.createDirectories(directory.resolve("runtime"));
            Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            Process daemon;
            try {
                ProcessBuilder builder = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--nopidfile",
                        "--address=" + address).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("dbus.log").toFile());
                // the accessibility bus it activates puts its socket in the runtime directory, else in the shared
                // ~/.cache/at-spi/bus: a previous session's bus, still exiting, then removed this one's socket
                builder.environment().put("XDG_RUNTIME_DIR", runtime.toString());
                daemon = builder.start();
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
            return new SessionBus(daemon, address, runtime);
        }

        Map<String, String> environment() {
            return Map.of("DBUS_SESSION_BUS_ADDRESS", address, "XDG_RUNTIME_DIR", runtime.toString(),
                    "GNOME_ACCESSIBILITY", "1", "GTK_MODULES", "gail:atk-bridge", "NO_AT_BRIDGE", "0");
        }

        @Override
        public void close() {
            // the accessibility bus was started by D-Bus activation, as the daemon's child
            daemon.descendants().forEach(ProcessHandle::destroy);
            daemon.destroy();
        }
    }
}

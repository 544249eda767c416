package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp run of a scenario against a SIP target, bound to 127.0.0.1 for signalling and media. Start it,
 * then {@link #awaitExit(Duration)} for its exit code and the SIP messages it sent and received.
 */
public final class Sipp implements AutoCloseable {
    private static final Duration DEFAULT_SCENARIO_TIMEOUT = Duration.ofSeconds(15);

    /** Scenarios shipped with the harness. */
    public enum Scenario {
        /** REGISTER, expect a 401 digest challenge, REGISTER again with {@code -au}/{@code -ap}, expect 200. */
        REGISTER_WITH_DIGEST("register-with-digest.xml");

        private final String resource;

        Scenario(String resource) {
            this.resource = resource;
        }
    }

    /**
     * How a SIPp run ended: its exit code (0 when every call succeeded, 1 when one failed; see SIPp's manual
     * for the others) and its message trace.
     */
    public record Result(int exitCode, String messages) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private final Workspace workspace;
    private final PeerProcess process;
    private final Path messageFile;
    private final Duration scenarioTimeout;
    private final int localPort;

    private Sipp(Workspace workspace, PeerProcess process, Path messageFile, Duration scenarioTimeout, int localPort) {
        this.workspace = workspace;
        this.process = process;
        this.messageFile = messageFile;
        this.scenarioTimeout = scenarioTimeout;
        this.localPort = localPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Waits for SIPp to end on its own; SIPp is told to give up after the builder's timeout, so waiting is
     * bounded by that plus {@code grace}.
     *
     * @throws AssertionError if SIPp is still running after both
     */
    public Result awaitExit(Duration grace) {
        Process sipp = process.process();
        try {
            if (!sipp.waitFor(scenarioTimeout.plus(grace).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("SIPp still running after " + scenarioTimeout.plus(grace).toMillis() + " ms"
                        + process.logTailSection());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for SIPp", e);
        }
        return new Result(sipp.exitValue(), readMessages());
    }

    /** The port SIPp's signalling listens on (UDP and TCP), where a UAS scenario waits for requests. */
    public int localPort() {
        return localPort;
    }

    /** The SIP messages SIPp has sent and received so far. */
    public String messages() {
        return readMessages();
    }

    /** SIPp's screen output and errors. */
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    private String readMessages() {
        try {
            return Files.exists(messageFile) ? Files.readString(messageFile, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the SIPp message trace " + messageFile, e);
        }
    }

    /** Collects a SIPp command line, then starts SIPp. */
    public static final class Builder {
        private Scenario bundledScenario;
        private Path scenarioFile;
        private int remotePort;
        private String service;
        private String authUser;
        private String authPassword;
        private int calls = 1;
        private Duration timeout = DEFAULT_SCENARIO_TIMEOUT;

        private Builder() {
        }

        public Builder scenario(Scenario scenario) {
            this.bundledScenario = Objects.requireNonNull(scenario, "scenario");
            this.scenarioFile = null;
            return this;
        }

        public Builder scenario(Path scenarioFile) {
            this.scenarioFile = Objects.requireNonNull(scenarioFile, "scenarioFile");
            this.bundledScenario = null;
            return this;
        }

        /** The SIP target; SIPp is bound to 127.0.0.1, so that is the only host accepted. */
        public Builder remote(String host, int port) {
            if (!host.equals(FreePorts.LOOPBACK_HOST)) {
                throw new IllegalArgumentException("SIPp may only talk to " + FreePorts.LOOPBACK_HOST + ", not " + host);
            }
            this.remotePort = port;
            return this;
        }

        /** Sends to the given Kamailio. */
        public Builder remote(Kamailio kamailio) {
            return remote(kamailio.host(), kamailio.port());
        }

        /** The user part SIPp puts in Request-URIs and, in the bundled scenarios, From/To ({@code -s}). */
        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Digest credentials for {@code [authentication]} ({@code -au}, {@code -ap}). */
        public Builder credentials(String user, String password) {
            this.authUser = Objects.requireNonNull(user, "user");
            this.authPassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** How many calls (scenario runs) to make before exiting; default 1. */
        public Builder calls(int calls) {
            this.calls = calls;
            return this;
        }

        /** SIPp's own global timeout, after which it stops and reports failure; default 15 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Sipp start() {
            if (remotePort == 0) {
                throw new IllegalStateException("no remote set");
            }
            if (bundledScenario == null && scenarioFile == null) {
                throw new IllegalStateException("no scenario set");
            }
            String sipp = Installed.program("sipp", "sip-tester");
            return Workspace.open("sipp", workspace -> {
                Path scenario = scenarioFile != null ? scenarioFile : extract(bundledScenario, workspace);
                Path messageFile = workspace.file("messages.log");
                int localPort = FreePorts.tcpAndUdp();
                List<String> command = new ArrayList<>(List.of(sipp, FreePorts.LOOPBACK_HOST + ":" + remotePort,
                        "-sf", scenario.toString(),
                        "-i", FreePorts.LOOPBACK_HOST, "-mi", FreePorts.LOOPBACK_HOST,
                        "-p", Integer.toString(localPort), "-mp", Integer.toString(FreePorts.tcpAndUdpRun(4)),
                        "-m", Integer.toString(calls),
                        "-timeout", Long.toString(Math.max(1, timeout.toSeconds())), "-timeout_error",
                        "-trace_msg", "-message_file", messageFile.toString(),
                        "-trace_err", "-error_file", workspace.file("errors.log").toString(),
                        "-nostdin"));
                if (service != null) {
                    command.addAll(List.of("-s", service));
                }
                if (authUser != null) {
                    command.addAll(List.of("-au", authUser, "-ap", authPassword));
                }
                return new Sipp(workspace, workspace.launch(Map.of(), command), messageFile, timeout, localPort);
            });
        }

        private static Path extract(Scenario scenario, Workspace workspace) {
            try (InputStream in = Sipp.class.getResourceAsStream(scenario.resource)) {
                if (in == null) {
                    throw new PeerStartException("scenario " + scenario.resource + " missing from the harness bundle");
                }
                Path file = workspace.file(scenario.resource);
                Files.copy(in, file);
                return file;
            } catch (IOException e) {
                throw new PeerStartException("cannot extract scenario " + scenario.resource, e);
            }
        }
    }
}

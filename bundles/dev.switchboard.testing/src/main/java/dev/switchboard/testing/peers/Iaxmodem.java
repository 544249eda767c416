package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * iaxmodem (Debian package {@code iaxmodem}, libiax2): a soft modem that is an IAX2 peer. It listens
 * for IAX2 calls on its own UDP port, registers to a server with MD5 and dials through that server
 * when told {@code ATDT<number>} on its tty. Answering is switched on with {@code ATS0=1}: it answers
 * on the first ring and sends µ-law voice frames (silence in data mode; after {@code AT+FCLASS=1} the
 * fax CED tone, 2100 Hz). iaxmodem reads its config only from
 * {@code /etc/iaxmodem/<name>}; the name given is a relative path into this peer's workspace, so
 * nothing is written under /etc. It binds its UDP port on every interface (it has no option).
 */
public final class Iaxmodem implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final Workspace workspace;
    private final PeerProcess process;
    private final int port;
    private final Path tty;
    private final OutputStream toModem;
    private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();

    private Iaxmodem(Workspace workspace, PeerProcess process, int port, Path tty) throws IOException {
        this.workspace = workspace;
        this.process = process;
        this.port = port;
        this.tty = tty;
        this.toModem = Files.newOutputStream(tty, StandardOpenOption.WRITE);
        Thread reader = new Thread(() -> readAnswers(newInput()), "iaxmodem-tty");
        reader.setDaemon(true);
        reader.start();
    }

    private InputStream newInput() {
        try {
            return Files.newInputStream(tty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The UDP port it takes IAX2 calls on (at 127.0.0.1 as on every interface). */
    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(FreePorts.LOOPBACK, port);
    }

    /**
     * Runs one AT command (e.g. {@code "ATS0=1"}, {@code "AT+FCLASS=1"}) and returns the modem's final
     * answer ({@code OK}). The modem drops what reaches its tty while it is still starting, so a
     * command without an answer within a second is sent once more.
     *
     * @throws IllegalStateException if the modem answers ERROR or nothing
     */
    public String command(String atCommand) {
        for (int attempt = 0; attempt < 2; attempt++) {
            responses.clear();
            write(atCommand);
            try {
                long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
                String line;
                while ((line = responses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                    if (line.equals("OK")) {
                        return line;
                    }
                    if (line.equals("ERROR")) {
                        throw new IllegalStateException("iaxmodem answered ERROR to " + atCommand);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for iaxmodem", e);
            }
        }
        throw new IllegalStateException("iaxmodem did not answer " + atCommand + process.logTailSection());
    }

    /** Dials {@code number} through the modem's server ({@code ATDT}); the call's outcome is not awaited. */
    public void dial(String number) {
        write("ATDT" + number);
    }

    private void write(String atCommand) {
        process.requireAlive();
        try {
            toModem.write((atCommand + "\r").getBytes(StandardCharsets.US_ASCII));
            toModem.flush();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to iaxmodem's tty " + tty + ": " + e.getMessage(), e);
        }
    }

    /** Collects the modem's answer lines; ends when the modem exits and its pty closes. */
    private void readAnswers(InputStream fromModem) {
        StringBuilder line = new StringBuilder();
        try (fromModem) {
            int c;
            while ((c = fromModem.read()) >= 0) {
                if (c == '\r' || c == '\n') {
                    if (!line.isEmpty()) {
                        responses.add(line.toString());
                        line.setLength(0);
                    }
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // the pty closed: the modem has exited
        }
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        try {
            toModem.close();
        } catch (IOException e) {
            // the modem is stopped next anyway
        }
        workspace.close();
    }

    /** The modem's account at its server and its caller id. */
    public static final class Builder {
        private String peerName = "iaxmodem";
        private String secret = "iaxpass";
        private InetSocketAddress server;
        private String callerNumber = "5550100";

        private Builder() {
        }

        /** The peer name and secret it registers (and dials) with; default iaxmodem/iaxpass. */
        public Builder account(String name, String password) {
            this.peerName = Objects.requireNonNull(name, "name");
            this.secret = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Where it registers and dials through; without one it points at a closed loopback port. */
        public Builder server(InetSocketAddress address) {
            this.server = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder callerNumber(String number) {
            this.callerNumber = Objects.requireNonNull(number, "number");
            return this;
        }

        public Iaxmodem start() {
            String iaxmodem = Installed.program("iaxmodem", "iaxmodem");
            if (!Files.isDirectory(Path.of("/etc/iaxmodem"))) {
                throw new PeerStartException("/etc/iaxmodem is missing: install the Debian package iaxmodem");
            }
            return Workspace.open("iaxmodem", workspace -> {
                int port = FreePorts.tcpAndUdp();
                int serverPort = server != null ? server.getPort() : FreePorts.tcpAndUdp();
                Path tty = workspace.file("ttyIAX");
                Path config = workspace.write("modem.conf", String.join("\n",
                        "device " + tty,
                        "owner root:root",
                        "mode 660",
                        "port " + port,
                        "refresh 60",
                        "server 127.0.0.1:" + serverPort,
                        "peername " + peerName,
                        "secret " + secret,
                        "cidname IAX Modem",
                        "cidnumber " + callerNumber,
                        "codec ulaw",
                        ""));
                // iaxmodem opens /etc/iaxmodem/<name>: climb back to / and down into the workspace
                String name = "../.." + config.toAbsolutePath();
                PeerProcess process = workspace.launch(Map.of(), List.of(iaxmodem, name));
                process.awaitReady("tty " + tty + " and UDP port " + port, START_TIMEOUT,
                        () -> Files.isSymbolicLink(tty) && udpPortTaken(port));
                // raw and without echo, or the tty would feed the modem's answers back to it
                Command.require(Duration.ofSeconds(5), workspace.directory(), Map.of(),
                        List.of(Installed.program("stty", "coreutils"), "-F", tty.toString(), "raw", "-echo"));
                try {
                    return new Iaxmodem(workspace, process, port, tty);
                } catch (IOException e) {
                    throw new PeerStartException("cannot open iaxmodem's tty " + tty, e);
                }
            });
        }

        private static boolean udpPortTaken(int port) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(port))) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }
    }
}

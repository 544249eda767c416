package dev.switchboard.testing.peers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A baresip SIP user agent with one account that registers (UDP) to a {@link Kamailio}, answers calls
 * automatically, sends a WAV file or a tone as its microphone and can record both directions of each
 * call to WAV files. It is driven with baresip's menu commands through its {@code ctrl_tcp} control port.
 */
public final class Baresip implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final int COMMAND_TIMEOUT_MILLIS = 5_000;
    private static final int RTP_PORT_COUNT = 10;
    private static final int DEFAULT_TONE_SECONDS = 60;

    private final Workspace workspace;
    private final PeerProcess process;
    private final String addressOfRecord;
    private final int sipPort;
    private final int controlPort;
    private final Path recordings;
    private final AtomicInteger tokens = new AtomicInteger();

    private Baresip(Workspace workspace, PeerProcess process, String addressOfRecord, int sipPort, int controlPort,
            Path recordings) {
        this.workspace = workspace;
        this.process = process;
        this.addressOfRecord = addressOfRecord;
        this.sipPort = sipPort;
        this.controlPort = controlPort;
        this.recordings = recordings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code sip:user@domain} of the account. */
    public String addressOfRecord() {
        return addressOfRecord;
    }

    /** The UDP (and TCP) port baresip's SIP stack listens on, at 127.0.0.1. */
    public int sipPort() {
        return sipPort;
    }

    /**
     * Runs one of baresip's menu commands, written as on its console, e.g. {@code "/dial sip:bob@127.0.0.1"},
     * {@code "/hangup"} or {@code "/reginfo"}, and returns the text baresip answered.
     *
     * @throws IllegalStateException if baresip reports the command failed
     */
    public String command(String commandLine) {
        process.requireAlive();
        String line = commandLine.strip();
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String parameters = space < 0 ? null : line.substring(space + 1).strip();
        try {
            return ControlConnection.execute(controlPort, name, parameters, Integer.toString(tokens.incrementAndGet()));
        } catch (IOException e) {
            throw new IllegalStateException("baresip control port " + controlPort + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Where calls are recorded when the builder asked for {@link Builder#recordCalls()}: per call a
     * {@code dump-<time>-enc.wav} (what baresip sent) and {@code dump-<time>-dec.wav} (what it received), each
     * complete once the call has ended. The files are copied to {@link PeerOutput#directory()} on close.
     *
     * @throws IllegalStateException if recording was not asked for
     */
    public Path recordings() {
        if (recordings == null) {
            throw new IllegalStateException("recording is off: use Baresip.builder().recordCalls()");
        }
        return recordings;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** Collects the account and audio set-up of a baresip, then starts it. */
    public static final class Builder {
        private String user;
        private String password;
        private Kamailio registrar;
        private Path audioSource;
        private boolean recordCalls;
        private String audioCodecs = "PCMU,PCMA";

        private Builder() {
        }

        /** The codecs the account offers and accepts, in order (baresip names, e.g. {@code G722/16000/1}); default PCMU, PCMA. */
        public Builder audioCodecs(String... codecs) {
            if (codecs.length == 0) {
                throw new IllegalArgumentException("at least one codec");
            }
            this.audioCodecs = String.join(",", codecs);
            return this;
        }

        /** The account {@code user@<registrar's domain>}, registering to {@code registrar} over UDP. */
        public Builder account(String user, String password, Kamailio registrar) {
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            this.registrar = Objects.requireNonNull(registrar, "registrar");
            return this;
        }

        /**
         * A WAV file (8 kHz mono suits G.711) sent as microphone; baresip hangs up when it ends. Without it
         * baresip sends a generated 440 Hz tone of {@value #DEFAULT_TONE_SECONDS} s.
         */
        public Builder audioSource(Path wav) {
            this.audioSource = Objects.requireNonNull(wav, "wav").toAbsolutePath();
            return this;
        }

        /** Records each call's sent and received audio as WAV files into {@link Baresip#recordings()}. */
        public Builder recordCalls() {
            this.recordCalls = true;
            return this;
        }

        public Baresip start() {
            if (registrar == null) {
                throw new IllegalStateException("no account set");
            }
            String baresip = Installed.program("baresip", "baresip-core");
            return Workspace.open("baresip", workspace -> {
                // baresip also listens for SIP over TLS on the SIP port + 1
                int sipPort = FreePorts.tcpAndUdpRun(2);
                int rtpPorts = FreePorts.tcpAndUdpRun(RTP_PORT_COUNT);
                int controlPort = FreePorts.tcp();
                Path configDirectory = workspace.createDirectories("config");
                // in the short temp path: baresip 1.0 truncates recording paths of more than about 100 bytes
                Path recordings = recordCalls ? workspace.createKeptDirectory("recordings") : null;
                Path source = audioSource != null ? audioSource : writeTone(workspace.file("tone-440hz.wav"));
                workspace.write("config/config", configuration(sipPort, rtpPorts, controlPort, source, recordings));
                workspace.write("config/accounts", account());
                PeerProcess process = workspace.launch(Map.of(), List.of(baresip, "-f", configDirectory.toString()));
                Baresip started = new Baresip(workspace, process, "sip:" + user + "@" + registrar.domain(), sipPort,
                        controlPort, recordings);
                process.awaitReady("ctrl_tcp answering the reginfo command", START_TIMEOUT,
                        () -> ControlConnection.execute(controlPort, "reginfo", null, "ready") != null);
                return started;
            });
        }

        /** A 16-bit 8 kHz mono PCM WAV of a 440 Hz tone (baresip's own tone source only runs at 48 kHz). */
        private static Path writeTone(Path wav) {
            int sampleRate = 8000;
            int samples = sampleRate * DEFAULT_TONE_SECONDS;
            ByteBuffer file = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                    .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                    .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                    .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                    .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
            for (int i = 0; i < samples; i++) {
                file.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
            }
            try {
                return Files.write(wav, file.array());
            } catch (IOException e) {
                throw new PeerStartException("cannot write " + wav, e);
            }
        }

        private String account() {
            return "<sip:" + user + "@" + registrar.domain() + ">;auth_user=" + user + ";auth_pass=" + password
                    + ";outbound=\"" + registrar.uri() + ";transport=udp\";regint=300;answermode=auto"
                    + ";audio_codecs=" + audioCodecs + "\n";
        }

        private String configuration(int sipPort, int rtpPorts, int controlPort, Path source, Path recordings) {
            String recording = recordings != null
                    ? "module\t\t\tsndfile.so\nsnd_path\t\t" + recordings + "\n"
                    : "";
            return """
                    # generated by dev.switchboard.testing for one test run
                    poll_method\t\tepoll
                    sip_listen\t\t127.0.0.1:@SIP_PORT@
                    sip_trans_def\t\tudp
                    net_interface\t\t127.0.0.1
                    # any DNS query stays on loopback
                    dns_server\t\t127.0.0.1:53
                    call_local_timeout\t120
                    call_max_calls\t\t4
                    audio_path\t\t/usr/share/baresip
                    # the speaker is an aubridge device nobody reads: it pulls one frame per ptime, where ALSA's
                    # "null" device never blocks and baresip's player thread spins on it (~80 % of a core per call)
                    audio_player\t\taubridge,speaker
                    audio_alert\t\taubridge,alert
                    audio_source\t\t@SOURCE@
                    ausrc_srate\t\t8000
                    auplay_srate\t\t8000
                    ausrc_channels\t\t1
                    auplay_channels\t\t1
                    audio_level\t\tno
                    rtp_ports\t\t@RTP_FIRST@-@RTP_LAST@
                    rtp_stats\t\tyes
                    module_path\t\t/usr/lib/baresip/modules
                    module\t\t\tg711.so
                    module\t\t\tg722.so
                    module\t\t\topus.so
                    module\t\t\taubridge.so
                    module\t\t\taufile.so
                    @RECORDING@module_app\t\taccount.so
                    module_app\t\tmenu.so
                    module_app\t\tctrl_tcp.so
                    ctrl_tcp_listen\t\t127.0.0.1:@CONTROL_PORT@
                    """.replace("@SIP_PORT@", Integer.toString(sipPort))
                    .replace("@SOURCE@", "aufile," + source)
                    .replace("@RTP_FIRST@", Integer.toString(rtpPorts))
                    .replace("@RTP_LAST@", Integer.toString(rtpPorts + RTP_PORT_COUNT - 1))
                    .replace("@RECORDING@", recording)
                    .replace("@CONTROL_PORT@", Integer.toString(controlPort));
        }
    }

    /** baresip's ctrl_tcp protocol: JSON commands and responses, each framed as a netstring. */
    private static final class ControlConnection {
        private ControlConnection() {
        }

        static String execute(int port, String command, String parameters, String token) throws IOException {
            StringBuilder json = new StringBuilder("{\"command\":").append(Json.quote(command));
            if (parameters != null && !parameters.isEmpty()) {
                json.append(",\"params\":").append(Json.quote(parameters));
            }
            json.append(",\"token\":").append(Json.quote(token)).append('}');
            byte[] payload = json.toString().getBytes(StandardCharsets.UTF_8);
            try (Socket socket = Probes.connect(port)) {
                socket.setSoTimeout(COMMAND_TIMEOUT_MILLIS);
                OutputStream out = socket.getOutputStream();
                out.write((payload.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.write(payload);
                out.write(',');
                out.flush();
                InputStream in = socket.getInputStream();
                while (true) {
                    // events of calls and registrations arrive on the same connection; skip to our response
                    String message = readNetstring(in);
                    if (Json.isTrue(message, "response") && token.equals(Json.string(message, "token"))) {
                        String data = Json.string(message, "data");
                        if (!Json.isTrue(message, "ok")) {
                            throw new IllegalStateException("baresip refused '" + command + "': " + data);
                        }
                        return data == null ? "" : data;
                    }
                }
            }
        }

        private static String readNetstring(InputStream in) throws IOException {
            int length = 0;
            int next;
            while ((next = in.read()) != ':') {
                if (next < '0' || next > '9') {
                    throw new IOException("malformed netstring from baresip");
                }
                length = length * 10 + (next - '0');
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(length);
            for (int i = 0; i < length; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("baresip closed the control connection");
                }
                body.write(b);
            }
            if (in.read() != ',') {
                throw new IOException("malformed netstring from baresip");
            }
            return body.toString(StandardCharsets.UTF_8);
        }
    }
}

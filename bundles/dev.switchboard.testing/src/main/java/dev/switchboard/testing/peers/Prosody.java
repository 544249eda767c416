package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/**
 * A Prosody XMPP server for one virtual host (default {@code localhost}) with client-to-server on a free
 * port (STARTTLS required) and direct TLS on another, a self-signed certificate generated for the host, and
 * the builder's accounts, stream management (XEP-0198), message archives (XEP-0313), last activity
 * (XEP-0012), vCard avatars (XEP-0153), a multi-user chat service ({@link #mucDomain()}) and an HTTP
 * upload service (XEP-0363, {@link #uploadDomain()}) whose plain HTTP listens on 127.0.0.1
 * ({@link #httpPort()}). Server-to-server is off.
 */
public final class Prosody implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(20);

    private final Workspace workspace;
    private final List<String> command;
    private PeerProcess process;
    private final String domain;
    private final int c2sPort;
    private final int directTlsPort;
    private final int httpPort;
    private final Path dataDirectory;
    private final Path certificateFile;
    private final X509Certificate certificate;

    private Prosody(Workspace workspace, List<String> command, PeerProcess process, String domain, int c2sPort,
            int directTlsPort, int httpPort, Path dataDirectory, Path certificateFile, X509Certificate certificate) {
        this.workspace = workspace;
        this.command = command;
        this.process = process;
        this.domain = domain;
        this.c2sPort = c2sPort;
        this.directTlsPort = directTlsPort;
        this.httpPort = httpPort;
        this.dataDirectory = dataDirectory;
        this.certificateFile = certificateFile;
        this.certificate = certificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}; connect here rather than resolving the domain. */
    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    /** Client-to-server port: plain stream, STARTTLS required before authentication. */
    public int c2sPort() {
        return c2sPort;
    }

    /** Client-to-server port with TLS from the first byte (XEP-0368). */
    public int directTlsPort() {
        return directTlsPort;
    }

    /** Plain HTTP of the upload service on 127.0.0.1; upload and download addresses point here. */
    public int httpPort() {
        return httpPort;
    }

    /** The HTTP upload service (XEP-0363, Prosody's mod_http_file_share): {@code upload.<domain>}, files up to 16 MiB. */
    public String uploadDomain() {
        return "upload." + domain;
    }

    /**
     * Prosody's {@code data_path} (internal storage: {@code <host>/<store>/<user>.dat}). Prosody reads
     * a user's roster from here at that user's login, so a test may write one for a user not logged in.
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The XMPP domain of the accounts, also the certificate's name. */
    public String domain() {
        return domain;
    }

    /** The server's self-signed certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The server's certificate as a PEM file (valid while the server runs). */
    public Path certificateFile() {
        return certificateFile;
    }

    /** A trust manager that trusts exactly this server's certificate and nothing else. */
    public X509TrustManager trustManager() {
        return PeerCertificates.trustManager(certificate, "Prosody");
    }

    /** A TLS context whose only trust is {@link #trustManager()}. */
    public SSLContext sslContext() {
        return PeerCertificates.sslContext(trustManager(), "Prosody");
    }

    /** The multi-user chat service (XEP-0045, with MAM for rooms): {@code conference.<domain>}. */
    public String mucDomain() {
        return "conference." + domain;
    }

    /**
     * Stops the server (SIGTERM, as an administrator's restart does) and starts it again on the same ports
     * with the same data, returning when it serves again. Clients see their connection drop.
     */
    public synchronized void restart() {
        process.stop();
        process = workspace.launch(Map.of(), command);
        awaitReady();
    }

    private void awaitReady() {
        SSLContext trust = PeerCertificates.sslContext(PeerCertificates.trustManager(certificate, "Prosody"), "Prosody");
        process.awaitReady("XMPP stream features on the c2s port and a TLS handshake on the direct TLS port",
                START_TIMEOUT, () -> offersStreamFeatures(c2sPort, domain)
                        && completesTlsHandshake(trust, directTlsPort, domain));
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** Collects the accounts of a Prosody, then starts it. */
    public static final class Builder {
        private final Map<String, String> passwords = new LinkedHashMap<>();
        private String domain = "localhost";

        private Builder() {
        }

        /** Adds the account {@code name@domain}. */
        public Builder user(String name, String password) {
            passwords.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /** The virtual host; default {@code localhost}. */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        public Prosody start() {
            String prosody = Installed.program("prosody", "prosody");
            String prosodyctl = Installed.program("prosodyctl", "prosody");
            String openssl = Installed.program("openssl", "openssl");
            return Workspace.open("prosody", workspace -> {
                Path certificates = workspace.createDirectories("certs");
                Path certificateFile = certificates.resolve(domain + ".crt");
                Path keyFile = certificates.resolve(domain + ".key");
                Command.require(TOOL_TIMEOUT, workspace.directory(), Map.of(), List.of(openssl, "req", "-x509",
                        "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", keyFile.toString(), "-out", certificateFile.toString(), "-days", "2",
                        "-subj", "/CN=" + domain, "-addext", "subjectAltName=DNS:" + domain));
                X509Certificate certificate = PeerCertificates.read(certificateFile);
                int c2sPort = FreePorts.tcp();
                int directTlsPort = FreePorts.tcp();
                int httpPort = FreePorts.tcp();
                Path data = workspace.createDirectories("data");
                Path config = workspace.write("prosody.cfg.lua",
                        configuration(c2sPort, directTlsPort, httpPort, data, certificates, certificateFile, keyFile));
                for (Map.Entry<String, String> account : passwords.entrySet()) {
                    Command.require(TOOL_TIMEOUT, workspace.directory(), Map.of(), List.of(prosodyctl, "--config",
                            config.toString(), "register", account.getKey(), domain, account.getValue()));
                }
                List<String> command = List.of(prosody, "--config", config.toString(), "-F");
                Prosody started = new Prosody(workspace, command, workspace.launch(Map.of(), command), domain, c2sPort,
                        directTlsPort, httpPort, data, certificateFile, certificate);
                started.awaitReady();
                return started;
            });
        }

        private String configuration(int c2sPort, int directTlsPort, int httpPort, Path data, Path certificates, Path certificate,
                Path key) {
            return """
                    -- generated by dev.switchboard.testing for one test run
                    run_as_root = @RUN_AS_ROOT@
                    data_path = "@DATA@"
                    plugin_paths = {}
                    interfaces = { "127.0.0.1" }
                    local_interfaces = { "127.0.0.1" }
                    c2s_ports = { @C2S_PORT@ }
                    c2s_direct_tls_ports = { @DIRECT_TLS_PORT@ }
                    s2s_ports = {}
                    http_ports = { @HTTP_PORT@ }
                    http_interfaces = { "127.0.0.1" }
                    https_ports = {}
                    -- upload addresses name 127.0.0.1 (no DNS), so requests carry no known Host: send them here
                    http_default_host = "upload.@DOMAIN@"
                    modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "carbons"; "pep"; "private";
                        "vcard_legacy"; "version"; "time"; "blocklist"; "offline"; "smacks"; "mam"; "lastactivity" }
                    modules_disabled = { "s2s"; "posix" }
                    allow_registration = false
                    c2s_require_encryption = true
                    allow_unencrypted_plain_auth = false
                    authentication = "internal_hashed"
                    storage = "internal"
                    -- info level: debug would log the SASL exchange
                    log = { { levels = { min = "info" }, to = "console" } }
                    certificates = "@CERTIFICATES@"
                    ssl = { certificate = "@CERTIFICATE@"; key = "@KEY@" }

                    VirtualHost "@DOMAIN@"

                    Component "conference.@DOMAIN@" "muc"
                        modules_enabled = { "muc_mam" }
                        restrict_room_creation = false

                    Component "upload.@DOMAIN@" "http_file_share"
                        http_file_share_size_limit = 16 * 1024 * 1024
                        http_external_url = "http://127.0.0.1:@HTTP_PORT@/"
                    """.replace("@RUN_AS_ROOT@", Boolean.toString(runningAsRoot()))
                    .replace("@DATA@", data.toString())
                    .replace("@C2S_PORT@", Integer.toString(c2sPort))
                    .replace("@DIRECT_TLS_PORT@", Integer.toString(directTlsPort))
                    .replace("@HTTP_PORT@", Integer.toString(httpPort))
                    .replace("@CERTIFICATES@", certificates.toString())
                    .replace("@CERTIFICATE@", certificate.toString())
                    .replace("@KEY@", key.toString())
                    .replace("@DOMAIN@", domain);
        }
    }

    private static boolean runningAsRoot() {
        try {
            // /proc/self belongs to this process's effective user
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String streamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    private static boolean offersStreamFeatures(int port, String domain) throws IOException {
        try (Socket socket = Probes.connect(port)) {
            return exchangeStreamHeaders(socket, domain);
        }
    }

    private static boolean completesTlsHandshake(SSLContext trust, int port, String domain) throws IOException {
        try (Socket plain = Probes.connect(port);
                SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, domain, port, true)) {
            tls.startHandshake();
            return exchangeStreamHeaders(tls, domain);
        }
    }

    private static boolean exchangeStreamHeaders(Socket socket, String domain) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(streamHeader(domain).getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) > 0) {
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (received.indexOf("</stream:features>") >= 0) {
                return true;
            }
        }
        return false;
    }
}

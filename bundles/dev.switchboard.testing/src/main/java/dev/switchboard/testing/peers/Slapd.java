package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An OpenLDAP slapd serving one mdb database on a free loopback port, loaded with {@code slapadd} from the
 * test's LDIF or from a default directory ({@value #DEFAULT_SUFFIX}: people alice, bob and carol as
 * {@code inetOrgPerson} under {@code ou=people} with cn, sn, mail and telephoneNumber). Anyone may read;
 * the admin DN may write. With {@link Builder#tls()} it also offers StartTLS on its port and LDAPS on a
 * second one, with a self-signed certificate for {@code 127.0.0.1}.
 */
public final class Slapd implements AutoCloseable {
    public static final String DEFAULT_SUFFIX = "dc=example,dc=com";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SLAPADD_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN_PASSWORD = "secret";
    /** An anonymous LDAPv3 simple bind, message id 1 (RFC 4511 BindRequest in BER). */
    private static final byte[] ANONYMOUS_BIND = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00,
            (byte) 0x80, 0x00};

    private final Workspace workspace;
    private final PeerProcess process;
    private final int port;
    private final String suffix;
    private final int ldapsPort;
    private final X509Certificate certificate;

    private Slapd(Workspace workspace, PeerProcess process, int port, String suffix, int ldapsPort,
            X509Certificate certificate) {
        this.workspace = workspace;
        this.process = process;
        this.port = port;
        this.suffix = suffix;
        this.ldapsPort = ldapsPort;
        this.certificate = certificate;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return FreePorts.LOOPBACK_HOST;
    }

    public int port() {
        return port;
    }

    /** {@code ldap://127.0.0.1:<port>}. */
    public String url() {
        return "ldap://" + host() + ":" + port;
    }

    /** The LDAPS port (TLS from the first byte); only with {@link Builder#tls()}. */
    public int ldapsPort() {
        requireTls();
        return ldapsPort;
    }

    /** {@code ldaps://127.0.0.1:<ldaps port>}; only with {@link Builder#tls()}. */
    public String ldapsUrl() {
        return "ldaps://" + host() + ":" + ldapsPort();
    }

    /** The server's self-signed certificate (subject alternative name IP 127.0.0.1); only with TLS. */
    public X509Certificate certificate() {
        requireTls();
        return certificate;
    }

    /** A TLS context trusting exactly this server's certificate; only with {@link Builder#tls()}. */
    public SSLContext sslContext() {
        requireTls();
        return PeerCertificates.sslContext(PeerCertificates.trustManager(certificate, "slapd"), "slapd");
    }

    private void requireTls() {
        if (certificate == null) {
            throw new IllegalStateException("this slapd was started without TLS: use Slapd.builder().tls()");
        }
    }

    /** The database's suffix (base DN). */
    public String suffix() {
        return suffix;
    }

    /** {@code cn=admin,<suffix>}, the root DN. */
    public String adminDn() {
        return "cn=admin," + suffix;
    }

    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** Collects the directory content, then starts slapd. */
    public static final class Builder {
        private String ldif;
        private String suffix = DEFAULT_SUFFIX;
        private boolean tls;
        private String databaseDirectives = "";

        private Builder() {
        }

        /** Also offers StartTLS on {@link Slapd#port()} and LDAPS on {@link Slapd#ldapsPort()}. */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /**
         * Extra slapd.conf directives for the database section, e.g. {@code limits anonymous size.soft=100}
         * (see slapd.conf(5)).
         */
        public Builder databaseDirectives(String directives) {
            this.databaseDirectives = Objects.requireNonNull(directives, "directives");
            return this;
        }

        /** Loads {@code ldif} instead of the default directory; its entries must lie under {@code suffix}. */
        public Builder ldif(String suffix, String ldif) {
            this.suffix = Objects.requireNonNull(suffix, "suffix");
            this.ldif = Objects.requireNonNull(ldif, "ldif");
            return this;
        }

        public Slapd start() {
            String slapd = Installed.program("slapd", "slapd");
            String slapadd = Installed.program("slapadd", "slapd");
            String openssl = tls ? Installed.program("openssl", "openssl") : null;
            return Workspace.open("slapd", workspace -> {
                int port = FreePorts.tcp();
                int ldapsPort = tls ? FreePorts.tcp() : -1;
                String tlsDirectives = "";
                X509Certificate certificate = null;
                if (tls) {
                    Path certificates = workspace.createDirectories("certs");
                    Path certificateFile = certificates.resolve("slapd.crt");
                    Path keyFile = certificates.resolve("slapd.key");
                    Command.require(TOOL_TIMEOUT, workspace.directory(), Map.of(), List.of(openssl, "req", "-x509",
                            "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                            "-keyout", keyFile.toString(), "-out", certificateFile.toString(), "-days", "2",
                            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"));
                    certificate = PeerCertificates.read(certificateFile);
                    tlsDirectives = "TLSCertificateFile " + certificateFile + "\nTLSCertificateKeyFile " + keyFile + "\n";
                }
                Path database = workspace.createDirectories("db");
                Path config = workspace.write("slapd.conf", configuration(workspace, database, tlsDirectives));
                Path data = workspace.write("data.ldif", ldif != null ? ldif : defaultLdif());
                // -q: quick mode (no consistency checks), which large generated directories need to load in time
                Command.require(SLAPADD_TIMEOUT, workspace.directory(), Map.of(),
                        List.of(slapadd, "-q", "-f", config.toString(), "-l", data.toString()));
                String listeners = "ldap://127.0.0.1:" + port + "/" + (tls ? " ldaps://127.0.0.1:" + ldapsPort + "/" : "");
                // -d 256 ("stats") keeps slapd in the foreground and logs connections and operations
                PeerProcess process = workspace.launch(Map.of(), List.of(slapd, "-h", listeners,
                        "-f", config.toString(), "-d", "256"));
                Slapd started = new Slapd(workspace, process, port, suffix, ldapsPort, certificate);
                SSLContext trust = tls ? PeerCertificates.sslContext(PeerCertificates.trustManager(certificate, "slapd"), "slapd") : null;
                process.awaitReady(tls ? "anonymous LDAP bind answered with success, also over LDAPS"
                        : "anonymous LDAP bind answered with success", START_TIMEOUT,
                        () -> acceptsAnonymousBind(port) && (trust == null || acceptsAnonymousBindOverTls(trust, ldapsPort)));
                return started;
            });
        }

        private String configuration(Workspace workspace, Path database, String tlsDirectives) {
            return """
                    # generated by dev.switchboard.testing for one test run
                    @TLS@include /etc/ldap/schema/core.schema
                    include /etc/ldap/schema/cosine.schema
                    include /etc/ldap/schema/inetorgperson.schema
                    include /etc/ldap/schema/nis.schema
                    pidfile @DIR@/slapd.pid
                    argsfile @DIR@/slapd.args
                    modulepath /usr/lib/ldap
                    moduleload back_mdb
                    database mdb
                    # 1 GiB: the map is sparse, and benchmark directories of 100,000 entries with substring indexes need more than 100 MB
                    maxsize 1073741824
                    suffix "@SUFFIX@"
                    rootdn "cn=admin,@SUFFIX@"
                    rootpw @PASSWORD@
                    directory @DATABASE@
                    index objectClass eq
                    index cn,sn,mail,telephoneNumber eq,sub
                    access to * by * read
                    @DATABASE_DIRECTIVES@
                    """.replace("@TLS@", tlsDirectives)
                    .replace("@DATABASE_DIRECTIVES@", databaseDirectives)
                    .replace("@DIR@", workspace.directory().toString())
                    .replace("@SUFFIX@", suffix)
                    .replace("@PASSWORD@", ADMIN_PASSWORD)
                    .replace("@DATABASE@", database.toString());
        }

        private static String defaultLdif() {
            try (InputStream in = Slapd.class.getResourceAsStream("default-directory.ldif")) {
                if (in == null) {
                    throw new PeerStartException("default-directory.ldif missing from the harness bundle");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PeerStartException("cannot read default-directory.ldif", e);
            }
        }
    }

    private static boolean acceptsAnonymousBind(int port) throws IOException {
        try (Socket socket = Probes.connect(port)) {
            return answersAnonymousBind(socket);
        }
    }

    private static boolean acceptsAnonymousBindOverTls(SSLContext trust, int port) throws IOException {
        try (Socket plain = Probes.connect(port);
                SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, FreePorts.LOOPBACK_HOST, port,
                        true)) {
            tls.startHandshake();
            return answersAnonymousBind(tls);
        }
    }

    private static boolean answersAnonymousBind(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(ANONYMOUS_BIND);
        out.flush();
        InputStream in = socket.getInputStream();
        // BindResponse: SEQUENCE { messageID 1, [APPLICATION 1] { ENUMERATED resultCode, ... } }
        byte[] response = in.readNBytes(10);
        return response.length == 10 && response[0] == 0x30 && response[5] == 0x61 && response[7] == 0x0a
                && response[9] == 0x00;
    }
}

package dev.switchboard.testing.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A certificate authority made with openssl for one test, in its own temporary directory: it issues server
 * certificates (key and certificate as PEM files) for the names a test wants, so a client can be tested with a
 * chain it trusts, a name that does not match, or an authority it does not know.
 */
public final class TestCertificateAuthority implements AutoCloseable {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(20);

    private final Workspace workspace;
    private final String openssl;
    private final Path certificateFile;
    private final Path keyFile;
    private int issued;

    private TestCertificateAuthority(Workspace workspace, String openssl, Path certificateFile, Path keyFile) {
        this.workspace = workspace;
        this.openssl = openssl;
        this.certificateFile = certificateFile;
        this.keyFile = keyFile;
    }

    /** Generates a new authority whose subject is {@code CN=<name>}. */
    public static TestCertificateAuthority create(String name) {
        String openssl = Installed.program("openssl", "openssl");
        return Workspace.open("ca", workspace -> {
            Path key = workspace.directory().resolve("ca.key");
            Path certificate = workspace.directory().resolve("ca.pem");
            Command.require(TOOL_TIMEOUT, workspace.directory(), Map.of(), List.of(openssl, "req", "-x509",
                    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(),
                    "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + name,
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"));
            return new TestCertificateAuthority(workspace, openssl, certificate, key);
        });
    }

    /** The authority's own certificate (PEM), what a client is told to trust. */
    public Path certificateFile() {
        return certificateFile;
    }

    /**
     * Issues a server certificate.
     *
     * @param subjectAlternativeNames in openssl's form, e.g. {@code IP:127.0.0.1} or {@code DNS:sip.example}
     */
    public Issued issue(String commonName, String... subjectAlternativeNames) {
        int number = ++issued;
        Path directory = workspace.directory();
        Path key = directory.resolve("server-" + number + ".key");
        Path request = directory.resolve("server-" + number + ".csr");
        Path certificate = directory.resolve("server-" + number + ".pem");
        Path extensions = workspace.write("server-" + number + ".ext", "subjectAltName="
                + String.join(",", subjectAlternativeNames) + "\nextendedKeyUsage=serverAuth\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n");
        Command.require(TOOL_TIMEOUT, directory, Map.of(), List.of(openssl, "req", "-new", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out",
                request.toString(), "-subj", "/CN=" + commonName));
        Command.require(TOOL_TIMEOUT, directory, Map.of(), List.of(openssl, "x509", "-req", "-in", request.toString(),
                "-CA", certificateFile.toString(), "-CAkey", keyFile.toString(), "-CAcreateserial", "-days", "2",
                "-extfile", extensions.toString(), "-out", certificate.toString()));
        return new Issued(certificate, key);
    }

    @Override
    public void close() {
        workspace.close();
    }

    /** A server's certificate and unencrypted private key, both PEM. */
    public record Issued(Path certificateFile, Path keyFile) {
    }
}

package dev.switchboard.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where peer logs and test artefacts such as screenshots are kept after a test run: the directory named
 * by the system property {@value #PROPERTY} (the build sets it to {@code target/peer-output}), or a
 * folder in the temporary directory when the property is not set.
 */
public final class PeerOutput {
    public static final String PROPERTY = "switchboard.test.output";

    private PeerOutput() {
    }

    /** The output directory, created if needed. */
    public static Path directory() {
        String configured = System.getProperty(PROPERTY);
        Path directory = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "switchboard-peer-output");
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the peer output directory " + directory, e);
        }
    }
}

package dev.switchboard.testing.peers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class InstalledTest {
    @Test
    void findsAProgramOnThePath() {
        assertTrue(Files.isExecutable(Path.of(Installed.program("sh", "dash"))));
    }

    @Test
    void missingProgramFailsNamingTheDebianPackageAndTheInstaller() {
        PeerStartException failure = assertThrows(PeerStartException.class,
                () -> Installed.program("switchboard-no-such-program", "switchboard-no-such-package"));

        assertTrue(failure.getMessage().contains("Debian package switchboard-no-such-package"), failure.getMessage());
        assertTrue(failure.getMessage().contains("./switchboard test"), failure.getMessage());
        assertTrue(failure.getMessage().contains("as root"), failure.getMessage());
    }
}

package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerOutput;
import dev.switchboard.testing.peers.PeerStartException;

/** A peer that dies while starting fails loudly with its log, and leaves that log in the output directory. */
class PeerFailureIT {
    @Test
    void peerDyingDuringStartupFailsWithTheTailOfItsLog() throws IOException {
        // a domain with a quote breaks the generated alias line, so Kamailio rejects its configuration
        PeerStartException failure = assertThrows(PeerStartException.class,
                () -> Kamailio.builder().user("alice", "alice123").domain("broken\"domain").start());

        assertTrue(failure.getMessage().contains("kamailio exited with code"), failure.getMessage());
        assertTrue(failure.getMessage().contains("last lines of"), failure.getMessage());
        assertTrue(failure.getMessage().toLowerCase().contains("error"), failure.getMessage());
        Path logInOutput = Path.of(failure.getMessage().replaceAll("(?s).*last lines of (\\S+) ---.*", "$1"));
        try (Stream<Path> archived = Files.walk(PeerOutput.directory())) {
            assertTrue(archived.anyMatch(path -> path.endsWith(logInOutput.getParent().getFileName().resolve("kamailio.log"))),
                    "the log of the failed start should be copied to " + PeerOutput.directory());
        }
    }
}

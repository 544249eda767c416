package dev.switchboard.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkspaceTest {
    // @TempDir's package is not imported by the bundle, and Tycho enforces that on test code too
    private Path output;
    private String previousOutput;

    @BeforeEach
    void sendOutputToTempDir() throws IOException {
        output = Files.createTempDirectory("workspace-test-output-");
        previousOutput = System.setProperty(PeerOutput.PROPERTY, output.toString());
    }

    @AfterEach
    void restoreOutput() throws IOException {
        if (previousOutput == null) {
            System.clearProperty(PeerOutput.PROPERTY);
        } else {
            System.setProperty(PeerOutput.PROPERTY, previousOutput);
        }
        try (Stream<Path> files = Files.walk(output)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void closeStopsTheWholeProcessTreeArchivesTheLogAndDeletesTheDirectory() throws IOException {
        AtomicReference<Path> directory = new AtomicReference<>();
        Workspace workspace = Workspace.open("forker", opened -> opened);
        directory.set(workspace.directory());
        // the shell dies on SIGTERM without passing it on, so its two children would be orphaned
        PeerProcess process = workspace.launch(Map.of(), List.of("sh", "-c", "sleep 300 & sleep 300 & echo forked; wait"));
        process.awaitReady("two children forked", Duration.ofSeconds(10),
                () -> process.process().descendants().count() == 2);
        List<ProcessHandle> tree = process.process().descendants().toList();

        workspace.close();

        assertFalse(process.process().isAlive());
        assertTrue(tree.stream().noneMatch(ProcessTree::isRunning), "a forked child survived");
        assertFalse(Files.exists(directory.get()));
        Path archivedLog = output.resolve(directory.get().getFileName()).resolve("forker.log");
        assertTrue(Files.readString(archivedLog).contains("forked"));
    }

    @Test
    void processIgnoringSigtermIsKilledAfterTheGracePeriod() {
        Workspace workspace = Workspace.open("stubborn", opened -> opened);
        PeerProcess process = workspace.launch(Map.of(), List.of("sh", "-c", "trap '' TERM; echo stubborn; sleep 300 & wait"));
        process.awaitReady("child forked", Duration.ofSeconds(10), () -> process.process().descendants().count() == 1);
        List<ProcessHandle> tree = process.process().descendants().toList();

        workspace.close();

        assertFalse(process.process().isAlive());
        assertTrue(tree.stream().noneMatch(ProcessTree::isRunning), "the child ignoring SIGTERM survived");
    }

    @Test
    void failedStartClosesTheWorkspaceAndKeepsTheLog() {
        AtomicReference<Path> directory = new AtomicReference<>();
        IllegalStateException thrown = new IllegalStateException("configuration refused");

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Workspace.open("broken", ws -> {
            directory.set(ws.directory());
            ws.write("broken.log", "why it broke\n");
            throw thrown;
        }));

        assertSame(thrown, failure);
        assertFalse(Files.exists(directory.get()));
        assertTrue(Files.exists(output.resolve(directory.get().getFileName()).resolve("broken.log")));
    }

    @Test
    void processDyingWhileStartingFailsWithItsExitCodeAndLogTail() {
        PeerStartException failure = assertThrows(PeerStartException.class, () -> Workspace.open("dying", ws -> {
            PeerProcess process = ws.launch(Map.of(), List.of("sh", "-c", "echo cannot bind port 5060 >&2; exit 3"));
            process.awaitReady("never", Duration.ofSeconds(10), () -> false);
            return process;
        }));

        assertTrue(failure.getMessage().contains("dying exited with code 3 while starting"), failure.getMessage());
        assertTrue(failure.getMessage().contains("cannot bind port 5060"), failure.getMessage());
    }

    @Test
    void probeThatNeverSucceedsTimesOut() {
        PeerStartException failure = assertThrows(PeerStartException.class, () -> Workspace.open("silent", ws -> {
            PeerProcess process = ws.launch(Map.of(), List.of("sh", "-c", "echo waiting; exec sleep 300"));
            process.awaitReady("an answer that never comes", Duration.ofMillis(300), () -> {
                throw new IOException("connection refused");
            });
            return process;
        }));

        assertTrue(failure.getMessage().contains("silent was not ready within 300 ms (an answer that never comes)"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("waiting"), failure.getMessage());
    }

    @Test
    void commandReportsExitCodeAndOutput() {
        Command.Outcome outcome = Command.run(Duration.ofSeconds(10), output, Map.of("GREETING", "hello"),
                List.of("sh", "-c", "echo $GREETING; exit 4"));

        assertEquals(4, outcome.exitCode());
        assertEquals("hello\n", outcome.output());
    }
}

package dev.switchboard.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.messaging.Message;
import dev.switchboard.store.internal.H2Store;

/**
 * kill -9 (SIGKILL) of a real process recording messages, at 20 random points: after each, the
 * history reopens cleanly and holds every message that was acknowledged.
 */
class HistoryKillTest {

    private static final int ROUNDS = 20;

    @TempDir
    Path directory;

    @Test
    void noAcknowledgedMessageIsLost() throws Exception {
        Random random = new Random(0x4b11);
        String java = ProcessHandle.current().info().command().orElse("java");
        int next = 0;
        int lost = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), HistoryWriter.class.getName(), directory.toString(),
                    Integer.toString(next)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int lastAcknowledged = next - 1;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
                assertEquals("READY", lines.readLine(), "round " + round + ": the writer did not start");
                int killAfter = 1 + random.nextInt(300);
                for (int i = 0; i < killAfter; i++) {
                    String line = lines.readLine();
                    if (line == null) {
                        break;
                    }
                    lastAcknowledged = Integer.parseInt(line);
                }
                writer.toHandle().destroyForcibly();
                assertTrue(writer.waitFor(20, TimeUnit.SECONDS), "the writer did not die");
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.matches("[0-9]+")) {
                        lastAcknowledged = Integer.parseInt(line);
                    }
                }
            }
            H2Store store = H2Store.in(directory);
            StoredHistory reopened = new StoredHistory(store);
            try {
                Set<String> kept = new HashSet<>();
                for (Message message : reopened.conversation("a1", "bob@localhost", Integer.MAX_VALUE)) {
                    kept.add(message.id());
                }
                for (int n = 0; n <= lastAcknowledged; n++) {
                    if (!kept.contains("m" + n)) {
                        lost++;
                    }
                }
                if (lastAcknowledged >= 0) { // its words were committed with it
                    assertEquals(List.of("m" + lastAcknowledged), reopened.search("message " + lastAcknowledged, 1)
                            .stream().map(Message::id).toList(), "round " + round + ": the last message not found");
                }
            } finally {
                reopened.close();
                store.close();
            }
            next = lastAcknowledged + 1;
        }
        System.out.println("history kill test: " + ROUNDS + " kills, " + next + " acknowledged messages, lost " + lost);
        assertEquals(0, lost, "acknowledged messages lost after kill -9");
    }
}

package dev.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability contract with a real second process: it writes, we {@code kill -9} it (SIGKILL,
 * {@link ProcessHandle#destroyForcibly()} on Linux) at random points, reopen, and count the acknowledged
 * rows missing.
 */
class StoreKillTest {

    private static final int ROUNDS = 10;

    @TempDir
    Path directory;

    private static Process start(String mode, Path directory) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StoreWriter.class.getName(), mode, directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void nothingAcknowledgedIsLostWhenTheWriterIsKilled() throws Exception {
        Random random = new Random(0x5b);
        int lost = 0;
        int acknowledgedTotal = -1;
        for (int round = 0; round < ROUNDS; round++) {
            Process writer = start("write", directory);
            int lastAcknowledged = -1;
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII))) {
                assertEquals("READY", lines.readLine(), "round " + round + ": the writer did not start");
                int killAfter = 1 + random.nextInt(400);
                for (int i = 0; i < killAfter; i++) {
                    String line = lines.readLine();
                    if (line == null) {
                        break;
                    }
                    lastAcknowledged = Integer.parseInt(line);
                }
                // SIGKILL through the handle: Process.destroyForcibly would also close our end of its output
                writer.toHandle().destroyForcibly();
                assertTrue(writer.waitFor(20, TimeUnit.SECONDS), "the writer did not die");
                // lines printed between our last read and the kill were acknowledged too
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.isEmpty() && Character.isDigit(line.charAt(line.length() - 1))) {
                        lastAcknowledged = Integer.parseInt(line);
                    }
                }
            }
            assertTrue(lastAcknowledged >= 0, "round " + round + ": nothing was written");
            H2Store reopened = H2Store.in(directory);
            try (Connection connection = reopened.connection();
                    PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM ACKED WHERE N <= ?")) {
                count.setInt(1, lastAcknowledged);
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    lost += (lastAcknowledged + 1) - result.getInt(1);
                }
            } finally {
                reopened.close();
            }
            acknowledgedTotal = lastAcknowledged + 1;
        }
        System.out.println("store kill test: " + ROUNDS + " kills, " + acknowledgedTotal
                + " acknowledged rows, lost " + lost);
        assertEquals(0, lost, "acknowledged rows lost after kill -9");
    }

    @Test
    void aSecondProcessIsRefusedClearlyWhileTheStoreIsOpen() throws Exception {
        H2Store store = H2Store.in(directory);
        try (Connection connection = store.connection()) {
            Process probe = start("probe", directory);
            List<String> output = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            }
            assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, output.size(), output.toString());
            assertTrue(output.get(0).startsWith("REFUSED ") && output.get(0).contains("in use by another Switchboard process"),
                    output.get(0));
        } finally {
            store.close();
        }
    }
}

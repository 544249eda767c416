package dev.switchboard.store.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The separate process the kill tests start. {@code write DIR}: inserts numbered rows, one
 * transaction each, printing each number only after its commit returned ("acknowledged"), until
 * killed. {@code probe DIR}: tries to open a store another process holds and prints the outcome.
 */
public final class StoreWriter {

    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS ACKED (N INT PRIMARY KEY, BODY VARCHAR(1000) NOT NULL)");

    private StoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        H2Store store = H2Store.in(Path.of(args[1]));
        if (args[0].equals("probe")) {
            try (Connection connection = store.connection()) {
                out.println("OPENED");
            } catch (SQLException e) {
                out.println("REFUSED " + e.getMessage());
            }
            out.flush();
            return;
        }
        store.migrate("kill-test", SCHEMA);
        String body = "x".repeat(500);
        try (Connection connection = store.connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO ACKED VALUES (?, ?)")) {
            int next = 0;
            try (var max = connection.createStatement().executeQuery("SELECT COALESCE(MAX(N) + 1, 0) FROM ACKED")) {
                max.next();
                next = max.getInt(1);
            }
            out.println("READY");
            out.flush();
            for (int n = next;; n++) {
                insert.setInt(1, n);
                insert.setString(2, body);
                insert.executeUpdate();
                out.println(n);
                out.flush();
            }
        }
    }
}

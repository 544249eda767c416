package dev.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StoreTest {

    @TempDir
    Path directory;

    private static List<String> names(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT NAME FROM T ORDER BY NAME")) {
            var names = new java.util.ArrayList<String>();
            while (result.next()) {
                names.add(result.getString(1));
            }
            return names;
        }
    }

    @Test
    void migrationsRunOnceInOrderAndSurviveReopening() throws Exception {
        List<String> steps = List.of(
                "CREATE TABLE IF NOT EXISTS T (NAME VARCHAR(20))",
                "INSERT INTO T VALUES ('first'); INSERT INTO T VALUES ('second')");
        H2Store store = H2Store.in(directory);
        store.migrate("owner.a", steps);
        store.migrate("owner.a", steps);
        try (Connection connection = store.connection()) {
            assertEquals(List.of("first", "second"), names(connection));
        }
        store.close();

        H2Store reopened = H2Store.in(directory);
        reopened.migrate("owner.a", List.of(steps.get(0), steps.get(1), "INSERT INTO T VALUES ('third')"));
        try (Connection connection = reopened.connection()) {
            assertEquals(List.of("first", "second", "third"), names(connection));
        }
        reopened.close();
    }

    @Test
    void ownersKeepTheirOwnSteps() throws Exception {
        H2Store store = H2Store.in(directory);
        store.migrate("owner.a", List.of("CREATE TABLE IF NOT EXISTS T (NAME VARCHAR(20))"));
        store.migrate("owner.b", List.of("CREATE TABLE IF NOT EXISTS U (N INT)", "INSERT INTO U VALUES (7)"));
        store.migrate("owner.a", List.of("CREATE TABLE IF NOT EXISTS T (NAME VARCHAR(20))", "INSERT INTO T VALUES ('a')"));
        try (Connection connection = store.connection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT OWNER, COUNT(*) FROM STORE_MIGRATION GROUP BY OWNER ORDER BY OWNER")) {
            assertTrue(result.next());
            assertEquals("owner.a", result.getString(1));
            assertEquals(2, result.getInt(2));
            assertTrue(result.next());
            assertEquals("owner.b", result.getString(1));
            assertEquals(2, result.getInt(2));
        }
        store.close();
    }

    @Test
    void aFailingStepIsRolledBackNotRecordedAndNamed() throws Exception {
        H2Store store = H2Store.in(directory);
        store.migrate("owner.a", List.of("CREATE TABLE IF NOT EXISTS T (NAME VARCHAR(20))"));
        List<String> broken = List.of("CREATE TABLE IF NOT EXISTS T (NAME VARCHAR(20))",
                "INSERT INTO T VALUES ('kept only if the step completes'); INSERT INTO NO_SUCH_TABLE VALUES (1)");
        SQLException failure = assertThrows(SQLException.class, () -> store.migrate("owner.a", broken));
        assertTrue(failure.getMessage().contains("migration step 1 of owner.a"), failure.getMessage());
        try (Connection connection = store.connection()) {
            assertEquals(List.of(), names(connection));
        }
        // fixed step 1 runs: the failed attempt was not recorded
        store.migrate("owner.a", List.of(broken.get(0), "INSERT INTO T VALUES ('fixed')"));
        try (Connection connection = store.connection()) {
            assertEquals(List.of("fixed"), names(connection));
        }
        store.close();
    }
}

package dev.switchboard.store.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.eclipse.osgi.service.datalocation.Location;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.store.Store;

/**
 * The profile's H2 database, in {@code <instance area>/switchboard/store.mv.db}.
 * <p>
 * Durability: {@code WRITE_DELAY=0} makes H2 write every commit to the file before the commit
 * returns (its default keeps commits in memory for up to 500 ms, which a {@code kill -9} would
 * lose). The MVStore file is append-only with checksummed chunks, so after a crash it reopens at the
 * last complete commit. H2 does not fsync each commit: a commit survives the process dying, not the
 * machine losing power.
 * <p>
 * One connection is held open from the first use to the component's end: it keeps the database open
 * (so every {@link #connection()} is a cheap session on the open database) and keeps H2's file lock,
 * so a second process opening the same profile is told the store is in use instead of writing to it.
 * The database is opened at the first {@link #connection()} or {@link #migrate}, not at activation:
 * opening it loads ~600 of H2's classes and reads the file, which the desktop's start need not wait for
 * (the history opens it on its own thread right after start).
 */
@Component(service = Store.class)
public final class H2Store implements Store {

    private static final Logger LOG = System.getLogger(H2Store.class.getName());

    static final String DATABASE_NAME = "store";

    private static final String MIGRATIONS_TABLE = """
            CREATE TABLE IF NOT EXISTS STORE_MIGRATION (
              OWNER VARCHAR(200) NOT NULL,
              STEP INT NOT NULL,
              APPLIED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
              PRIMARY KEY (OWNER, STEP))""";

    private final Path directory;
    private final JdbcDataSource dataSource = new JdbcDataSource();
    private Connection keeper;

    @Activate
    public H2Store(@Reference(target = "(type=osgi.instance.area)") Location instanceArea) throws IOException {
        this(instanceDirectory(instanceArea).resolve("switchboard"));
    }

    /**
     * A store in {@code directory} (created if missing), e.g. for tests and tools outside OSGi; the database
     * opens at the first use, and a failure to open it is reported to that caller (and every later one
     * until it opens).
     */
    public static H2Store in(Path directory) throws IOException {
        return new H2Store(directory);
    }

    // not public: Felix SCR looks at every public one-argument constructor for the component's and logs an
    // error at each start for a parameter type it cannot inject
    private H2Store(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        dataSource.setURL("jdbc:h2:file:" + directory.resolve(DATABASE_NAME).toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    private static Path instanceDirectory(Location instanceArea) throws IOException {
        URL url = instanceArea.getURL();
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IOException("the store needs an instance area (-data DIR) on the file system, got " + url);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // Equinox gives file URLs with unescaped characters; the path part is still the file name.
            return Path.of(url.getPath());
        }
    }

    /** Opens the database and its schema table unless already open. */
    private synchronized void open() throws SQLException {
        if (keeper != null) {
            return;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new SQLException("the store " + directory.resolve(DATABASE_NAME + ".mv.db")
                        + " is in use by another Switchboard process (one profile can be open only once)",
                        e.getSQLState(), e.getErrorCode(), e);
            }
            throw new SQLException("the store " + directory + " cannot be opened: " + e.getMessage(),
                    e.getSQLState(), e.getErrorCode(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(MIGRATIONS_TABLE);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        keeper = connection;
    }

    @Override
    public Connection connection() throws SQLException {
        open();
        return dataSource.getConnection();
    }

    @Override
    public synchronized void migrate(String owner, List<String> migrations) throws SQLException {
        try (Connection connection = connection()) {
            int applied = appliedSteps(connection, owner);
            for (int step = applied; step < migrations.size(); step++) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement();
                        PreparedStatement record = connection.prepareStatement(
                                "INSERT INTO STORE_MIGRATION (OWNER, STEP) VALUES (?, ?)")) {
                    statement.execute(migrations.get(step));
                    record.setString(1, owner);
                    record.setInt(2, step);
                    record.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("migration step " + step + " of " + owner + " failed: " + e.getMessage(),
                            e.getSQLState(), e.getErrorCode(), e);
                } finally {
                    connection.setAutoCommit(true);
                }
                LOG.log(Level.INFO, "store: applied migration step {0} of {1}", step, owner);
            }
        }
    }

    /** Steps are recorded in order, so the count is the next step to apply. */
    private static int appliedSteps(Connection connection, String owner) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*) FROM STORE_MIGRATION WHERE OWNER = ?")) {
            query.setString(1, owner);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** Closes the database (other sessions still open keep it open until they close). */
    @Deactivate
    public synchronized void close() {
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "store: closing failed: " + e.getMessage());
            }
            keeper = null;
        }
    }
}

package dev.switchboard.history.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ended calls to {@code HISTORY_CALL} with a group commit. Every call ends with a record, so
 * this is per-call work on the thread that ends the call (the SIP stack's): one session and one
 * prepared statement are kept for the component's life instead of opened and parsed per call, and
 * calls ending at the same time share one transaction (each commit is a write to the database file).
 * {@link #write} returns only once its record is committed, so a record survives kill -9 as soon as
 * the listener that reported the end has returned.
 */
final class CallRecordWriter implements AutoCloseable {

    /** One row of HISTORY_CALL, waiting for the commit that holds it. */
    record PendingCall(String accountId, String direction, String peer, String peerName, OffsetDateTime startedAt,
            OffsetDateTime connectedAt, OffsetDateTime endedAt, String endReason, String endDetail) {
    }

    private static final String INSERT = """
            INSERT INTO HISTORY_CALL (ACCOUNT_ID, DIRECTION, PEER, PEER_NAME, STARTED_AT, CONNECTED_AT,
              ENDED_AT, END_REASON, END_DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Where sessions come from: the history's store, once it is open. */
    interface Sessions {
        Connection open() throws SQLException;
    }

    private final Sessions sessions;
    /** Calls handed in and not yet taken by a writer; guarded by itself. */
    private final List<Waiting> queue = new ArrayList<>();
    /** Held by the one thread writing a batch; guards the session below. */
    private final Object writing = new Object();
    private Connection connection;
    private PreparedStatement insert;
    private boolean closed;

    private static final class Waiting {
        final PendingCall call;
        /** Set under {@link CallRecordWriter#writing} by the thread that wrote the batch holding it. */
        boolean done;
        SQLException failure;

        Waiting(PendingCall call) {
            this.call = call;
        }
    }

    CallRecordWriter(Sessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Commits {@code call}, in one transaction with the calls other threads handed in meanwhile.
     *
     * @throws SQLException if the store could not take it (the batch is rolled back and each caller told)
     */
    void write(PendingCall call) throws SQLException {
        Waiting mine = new Waiting(call);
        synchronized (queue) {
            queue.add(mine);
        }
        synchronized (writing) {
            // while this thread waited for the lock, the thread before it may have written this call in its batch
            if (!mine.done) {
                List<Waiting> batch;
                synchronized (queue) {
                    batch = new ArrayList<>(queue);
                    queue.clear();
                }
                writeBatch(batch);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void writeBatch(List<Waiting> batch) {
        SQLException failure = null;
        try {
            if (closed) {
                throw new SQLException("the history is closed");
            }
            PreparedStatement statement = statement();
            for (Waiting waiting : batch) {
                PendingCall call = waiting.call;
                statement.setString(1, call.accountId());
                statement.setString(2, call.direction());
                statement.setString(3, call.peer());
                statement.setString(4, call.peerName());
                statement.setObject(5, call.startedAt());
                statement.setObject(6, call.connectedAt());
                statement.setObject(7, call.endedAt());
                statement.setString(8, call.endReason());
                statement.setString(9, call.endDetail());
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            failure = e;
            // a broken session is not used again: the next batch opens a new one
            closeSession();
        }
        for (Waiting waiting : batch) {
            waiting.failure = failure;
            waiting.done = true;
        }
    }

    private PreparedStatement statement() throws SQLException {
        if (insert == null) {
            connection = sessions.open();
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(INSERT);
        }
        return insert;
    }

    private void closeSession() {
        if (connection != null) {
            try {
                connection.rollback();
                connection.close();
            } catch (SQLException ignored) {
                // the session is dropped either way; the failure that got here is what the callers are told
            }
        }
        connection = null;
        insert = null;
    }

    /** Closes the kept session; later writes fail. */
    @Override
    public void close() {
        synchronized (writing) {
            closed = true;
            closeSession();
        }
    }
}

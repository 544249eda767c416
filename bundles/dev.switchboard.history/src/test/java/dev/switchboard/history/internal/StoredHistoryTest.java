package dev.switchboard.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.history.CallRecord;
import dev.switchboard.store.Store;
import dev.switchboard.store.internal.H2Store;

class StoredHistoryTest {

    @TempDir
    Path directory;
    private H2Store store;
    private StoredHistory history;

    @BeforeEach
    void open() throws Exception {
        store = H2Store.in(directory);
        history = new StoredHistory(store);
    }

    @AfterEach
    void close() {
        history.close();
        store.close();
    }

    private static Message message(String id, String peer, boolean incoming, String text, Instant at) {
        return new Message(id, "a1", peer, incoming, incoming ? peer : "me@x", text, at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The real store, whose migrations wait for {@code release}: the history still opening at start. */
    private static Store slowToOpen(H2Store store, CountDownLatch migrating, CountDownLatch release) {
        return new Store() {
            @Override
            public Connection connection() throws SQLException {
                return store.connection();
            }

            @Override
            public void migrate(String owner, List<String> migrations) throws SQLException {
                migrating.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SQLException(e);
                }
                store.migrate(owner, migrations);
            }
        };
    }

    @Test
    void aMessageArrivingWhileTheStoreOpensWaitsForItAndIsStored() throws Exception {
        Path other = directory.resolve("opening");
        H2Store real = H2Store.in(other);
        CountDownLatch migrating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StoredHistory opening = new StoredHistory(slowToOpen(real, migrating, release));
        ExecutorService core = Executors.newSingleThreadExecutor();
        try {
            assertTrue(migrating.await(10, TimeUnit.SECONDS), "the history did not start opening its store");
            Message early = message("early", "bob@x", true, "during start-up", Instant.now());
            Future<?> delivered = core.submit(() -> opening.message(early));
            // the listener call must not return (acknowledge) before the message is stored
            assertThrows(TimeoutException.class, () -> delivered.get(300, TimeUnit.MILLISECONDS));
            release.countDown();
            delivered.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(early), opening.conversation("a1", "bob@x", 10));
        } finally {
            core.shutdownNow();
            opening.close();
            real.close();
        }
    }

    @Test
    void openedAtFirstUseTheStoreIsLeftAloneUntilTheHistoryIsUsed() throws Exception {
        H2Store real = H2Store.in(directory.resolve("first-use"));
        CountDownLatch migrating = new CountDownLatch(1);
        StoredHistory firstUse = new StoredHistory(slowToOpen(real, migrating, new CountDownLatch(0)), true);
        try {
            // the absence of an event needs a bound: the eager history starts opening within milliseconds
            assertFalse(migrating.await(300, TimeUnit.MILLISECONDS), "the store was opened before the first use");
            Message first = message("first", "bob@x", true, "after the window", Instant.now());
            firstUse.message(first);
            assertEquals(0, migrating.getCount(), "the first use opened the store");
            assertEquals(List.of(first), firstUse.conversation("a1", "bob@x", 10));
        } finally {
            firstUse.close();
            real.close();
        }
    }

    @Test
    void aStoreThatCannotOpenFailsEachUseWithTheReason() {
        Store broken = new Store() {
            @Override
            public Connection connection() throws SQLException {
                throw new SQLException("the store /x is in use by another Switchboard process");
            }

            @Override
            public void migrate(String owner, List<String> migrations) throws SQLException {
                throw new SQLException("the store /x is in use by another Switchboard process");
            }
        };
        StoredHistory unopened = new StoredHistory(broken);
        try {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> unopened.message(message("m", "bob@x", true, "hi", Instant.now())));
            assertTrue(failure.getMessage().contains("in use by another Switchboard process"), failure.getMessage());
        } finally {
            unopened.close();
        }
    }

    @Test
    void conversationsKeepOrderAndAMessageIsStoredOnce() {
        Instant now = Instant.now();
        Message first = message("1", "bob@x", true, "hi", now.minusSeconds(3));
        Message second = message("2", "bob@x", false, "hello bob", now.minusSeconds(2));
        history.message(first);
        history.message(second);
        history.message(first); // redelivered after a reconnection
        history.message(message("3", "carol@x", true, "not bob", now));
        assertEquals(List.of(first, second), history.conversation("a1", "bob@x", 10));
        assertEquals(List.of(second), history.conversation("a1", "bob@x", 1));
    }

    @Test
    void searchIgnoresCaseAndTakesWildcardsLiterally() {
        Instant now = Instant.now();
        history.message(message("1", "bob@x", true, "Budget is 100%", now.minusSeconds(2)));
        history.message(message("2", "bob@x", true, "budget_draft attached", now.minusSeconds(1)));
        history.message(message("3", "bob@x", true, "lunch?", now));
        assertEquals(List.of("2", "1"), history.search("BUDGET", 10).stream().map(Message::id).toList());
        assertEquals(List.of("1"), history.search("100%", 10).stream().map(Message::id).toList());
        assertEquals(List.of("2"), history.search("budget_d", 10).stream().map(Message::id).toList());
        assertEquals(List.of("1"), history.search("%", 10).stream().map(Message::id).toList());
    }

    @Test
    void searchMatchesFromWordBeginningsAndNeedsEveryQueryWord() {
        Instant now = Instant.now();
        history.message(message("1", "bob@x", true, "The quarterly REPORT is late", now.minusSeconds(2)));
        history.message(message("2", "bob@x", true, "report card", now.minusSeconds(1)));
        history.message(message("3", "bob@x", true, "a reporter called", now));
        assertEquals(List.of("3", "2", "1"), history.search("repo", 10).stream().map(Message::id).toList());
        assertEquals(List.of("1"), history.search("report is", 10).stream().map(Message::id).toList());
        assertEquals(List.of("1"), history.search("quarterly rep", 10).stream().map(Message::id).toList());
        assertEquals(List.of(), history.search("eport", 10), "not from the middle of a word");
        assertEquals(List.of(), history.search("report late", 10), "the words must also stand together");
        assertEquals(List.of("3"), history.search("report", 1).stream().map(Message::id).toList());
    }

    @Test
    void messagesStoredBeforeTheWordIndexAreIndexedWhenTheHistoryOpens() throws Exception {
        history.message(message("1", "bob@x", true, "indexed when stored", Instant.now()));
        try (var connection = store.connection(); var insert = connection.prepareStatement("""
                INSERT INTO HISTORY_MESSAGE (ACCOUNT_ID, PEER, MESSAGE_ID, INCOMING, SENDER, BODY, SENT_AT)
                VALUES ('a1', 'bob@x', ?, TRUE, 'bob@x', ?, CURRENT_TIMESTAMP)""")) {
            for (int i = 0; i < 2500; i++) { // more than one indexing batch
                insert.setString(1, "old" + i);
                insert.setString(2, "older message number" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        assertEquals(List.of(), history.search("number2499", 10), "not yet indexed");
        history.close();
        history = new StoredHistory(store); // indexes them in the background: search scans meanwhile
        assertEquals(List.of("old2499"), history.search("number2499", 10).stream().map(Message::id).toList());
        history.indexed().get(30, TimeUnit.SECONDS);
        assertEquals(List.of("old2499"), history.search("number2499", 10).stream().map(Message::id).toList());
        assertEquals(List.of(), history.search("umber2499", 10), "the index matches word beginnings only");
        assertEquals(List.of("old0"), history.search("number0", 10).stream().map(Message::id).toList());
        assertEquals(List.of("1"), history.search("stored", 10).stream().map(Message::id).toList());
        // more candidates than are sorted: the newest are found by walking the messages in time order
        assertTrue(2500 > StoredHistory.MOST_CANDIDATES_TO_SORT);
        assertEquals(List.of("old2499", "old2498", "old2497"),
                history.search("older message", 3).stream().map(Message::id).toList());
    }

    @Test
    void deliveryIsRecordedForSentMessagesOnly() {
        history.message(message("7", "bob@x", false, "sent", Instant.now()));
        assertFalse(history.isDelivered("a1", "bob@x", "7"));
        history.delivered("a1", "bob@x", "7");
        assertTrue(history.isDelivered("a1", "bob@x", "7"));
        assertFalse(history.isDelivered("a1", "bob@x", "8"));
    }

    @Test
    void retentionRemovesOlderEntriesAndIsRemembered() throws Exception {
        Instant now = Instant.now();
        history.message(message("old", "bob@x", true, "last month", now.minus(Duration.ofDays(30))));
        history.message(message("new", "bob@x", true, "today", now));
        assertEquals(Duration.ZERO, history.retention());
        assertEquals(1, history.setRetention(Duration.ofDays(7)));
        assertEquals(List.of("new"), history.conversation("a1", "bob@x", 10).stream().map(Message::id).toList());
        history.close();
        history = new StoredHistory(store);
        assertEquals(Duration.ofDays(7), history.retention());
    }

    @Test
    void endedCallsAreRecordedOnce() {
        Instant created = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        FakeCall call = new FakeCall(CallState.CONNECTED, created, Optional.of(created.plusSeconds(5)), Optional.empty());
        history.callChanged(call, CallState.RINGING_OUT);
        assertEquals(List.of(), history.calls(10));
        FakeCall ended = new FakeCall(CallState.ENDED, created, call.connectedAt(),
                Optional.of(new EndReason(EndReason.Kind.REMOTE_HANGUP, "BYE")));
        history.callChanged(ended, CallState.CONNECTED);
        history.callChanged(ended, CallState.ENDED);
        List<CallRecord> calls = history.calls(10);
        assertEquals(1, calls.size());
        CallRecord record = calls.get(0);
        assertEquals("sip:bob@127.0.0.1", record.peer());
        assertEquals("OUTGOING", record.direction());
        assertEquals("REMOTE_HANGUP", record.endReason());
        assertEquals(created, record.startedAt());
        assertEquals(Optional.of(created.plusSeconds(5)), record.connectedAt());
    }

    /**
     * Calls ending on many threads at once share commits (the group commit of {@link CallRecordWriter}): each is
     * stored once and is already readable, from a new session, when its callChanged returns.
     */
    @Test
    void callsEndingAtOnceAreEachCommittedBeforeTheListenerReturns() throws Exception {
        int threads = 8;
        int callsPerThread = 25;
        Instant created = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        FakeCall ended = new FakeCall(CallState.ENDED, created, Optional.empty(),
                Optional.of(new EndReason(EndReason.Kind.LOCAL_HANGUP, "")));
        List<Integer> seenTooFew = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= callsPerThread; i++) {
                        history.callChanged(ended, CallState.CONNECTED);
                        int stored = history.calls(Integer.MAX_VALUE).size();
                        if (stored < i) {
                            seenTooFew.add(stored);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), seenTooFew, "a listener returned before its record was readable");
        assertEquals(threads * callsPerThread, history.calls(Integer.MAX_VALUE).size());
    }

    @Test
    void aCallEndingAfterTheHistoryClosedIsNotRecordedAndDoesNotThrow() throws Exception {
        history.close();
        history.callChanged(new FakeCall(CallState.ENDED, Instant.now(), Optional.empty(), Optional.empty()),
                CallState.RINGING_IN);
        history = new StoredHistory(store);
        assertEquals(List.of(), history.calls(10));
    }

    private record FakeCall(CallState state, Instant createdAt, Optional<Instant> connectedAt,
            Optional<EndReason> endReason) implements Call {
        @Override
        public String id() {
            return "c1";
        }

        @Override
        public String accountId() {
            return "a1";
        }

        @Override
        public Direction direction() {
            return Direction.OUTGOING;
        }

        @Override
        public List<Participant> participants() {
            return List.of(new Participant("sip:bob@127.0.0.1", "Bob"));
        }

        @Override
        public Optional<String> codec() {
            return Optional.of("PCMU/8000");
        }

        @Override
        public <T> Optional<T> capability(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public void answer() {
        }

        @Override
        public void reject() {
        }

        @Override
        public void hangup() {
        }
    }
}

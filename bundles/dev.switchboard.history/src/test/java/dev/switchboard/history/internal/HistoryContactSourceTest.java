package dev.switchboard.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.store.internal.H2Store;

/** Recent peers served as contacts, over the real H2 store. */
class HistoryContactSourceTest {

    @TempDir
    Path directory;
    private H2Store store;
    private StoredHistory history;
    private HistoryContactSource source;
    private final Accounts accounts = new Accounts();

    @BeforeEach
    void open() throws Exception {
        store = H2Store.in(directory);
        history = new StoredHistory(store);
        source = new HistoryContactSource(history, accounts);
    }

    @AfterEach
    void close() {
        source.close();
        history.close();
        store.close();
    }

    private List<Contact> search(String query) throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        return source.search(query, 10).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void peersComeMostRecentFirstWithTheirLatestNameAndProtocol() throws Exception {
        history.callChanged(new EndedCall(new Participant("sip:bob@127.0.0.1", "Bob Old")), CallState.CONNECTED);
        history.message(chat("carol@localhost", Instant.now().minusSeconds(3600)));
        history.callChanged(new EndedCall(new Participant("iax2:200@127.0.0.1:4569", "Dave")), CallState.CONNECTED);
        history.callChanged(new EndedCall(new Participant("sip:bob@127.0.0.1", "Bob Builder")), CallState.CONNECTED);
        history.callChanged(new EndedCall(new Participant("sip:bob@127.0.0.1", "")), CallState.CONNECTED);

        List<Contact> all = search("");
        assertEquals(List.of("sip:bob@127.0.0.1", "iax2:200@127.0.0.1:4569", "carol@localhost"),
                all.stream().map(Contact::id).toList());
        Contact bob = all.get(0);
        assertEquals("Bob Builder", bob.displayName(), "the latest call that carried a name gives it");
        assertEquals(List.of(new ContactAddress(AddressKind.SIP, "sip:bob@127.0.0.1", "")), bob.addresses());
        assertEquals(HistoryContactSource.SOURCE_ID, bob.sourceId());
        assertEquals(AddressKind.IAX2, all.get(1).addresses().get(0).kind());
        Contact carol = all.get(2);
        assertEquals("carol@localhost", carol.displayName(), "a chat peer without a name is shown by address");
        assertEquals(AddressKind.XMPP, carol.addresses().get(0).kind());
    }

    @Test
    void aChatPeerIsAnAddressOfItsAccountsProtocol() throws Exception {
        accounts.put(new Account("a1", "sip", Map.of()), null);
        history.message(chat("dave@127.0.0.1", Instant.now()));
        accounts.put(new Account("x1", "xmpp", Map.of()), null);
        history.message(new Message("m-erin", "x1", "erin@localhost", true, "erin@localhost", "hi",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        assertEquals(List.of(new ContactAddress(AddressKind.SIP, "dave@127.0.0.1", "")),
                search("dave").getFirst().addresses(), "a SIP MESSAGE peer is a SIP address");
        assertEquals(AddressKind.XMPP, search("erin").getFirst().addresses().getFirst().kind());

        accounts.remove("a1");
        assertEquals(AddressKind.XMPP, search("dave").getFirst().addresses().getFirst().kind(),
                "with its account gone, a chat peer is taken for a JID");
    }

    @Test
    void searchMatchesNameOrAddressIgnoringCaseAndLimits() throws Exception {
        history.callChanged(new EndedCall(new Participant("sip:200@127.0.0.1", "Dave Jones")), CallState.CONNECTED);
        history.message(chat("carol@localhost", Instant.now()));
        history.message(chat("davina@localhost", Instant.now().minusSeconds(10)));

        assertEquals(List.of("sip:200@127.0.0.1"), search("JONES").stream().map(Contact::id).toList());
        assertEquals(List.of("carol@localhost"), search("CAROL@").stream().map(Contact::id).toList());
        assertEquals(List.of("sip:200@127.0.0.1", "davina@localhost"),
                search("dav").stream().map(Contact::id).toList());
        assertEquals(1, source.search("localhost", 1).toCompletableFuture().get(10, TimeUnit.SECONDS).size());
        assertTrue(search("nobody").isEmpty());
        assertTrue(search("%").isEmpty(), "wildcards are taken literally");
    }

    @Test
    void aDamagedStoreFailsTheSearchWithTheReason() throws Exception {
        // damaged once the history has made its tables (in the background), not before
        history.indexed().get(10, TimeUnit.SECONDS);
        try (var connection = store.connection(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE HISTORY_MESSAGE CASCADE");
        }
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> search(""));
        assertTrue(failure.getCause() instanceof IllegalStateException, failure.toString());
        assertTrue(failure.getCause().getMessage().startsWith("the history cannot be read"), failure.getCause().getMessage());
    }

    private static Message chat(String peer, Instant at) {
        return new Message("m-" + peer + at.toEpochMilli(), "a1", peer, true, peer, "hi",
                at.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Accounts by id, as the account registry would list them. */
    private static final class Accounts implements AccountRegistry {
        private final Map<String, Account> byId = new ConcurrentHashMap<>();

        @Override
        public List<Account> accounts() {
            return List.copyOf(byId.values());
        }

        @Override
        public Optional<Account> account(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public void put(Account account, char[] secret) {
            byId.put(account.id(), account);
        }

        @Override
        public boolean remove(String id) {
            return byId.remove(id) != null;
        }

        @Override
        public Optional<char[]> secret(String id) {
            return Optional.empty();
        }

        @Override
        public void addListener(AccountListener listener) {
        }

        @Override
        public void removeListener(AccountListener listener) {
        }
    }

    /** A call that just ended; the history stamps it with the time it hears of the end. */
    private record EndedCall(Participant remote) implements Call {
        @Override
        public String id() {
            return "c-" + remote.address();
        }

        @Override
        public String accountId() {
            return "a1";
        }

        @Override
        public Direction direction() {
            return Direction.INCOMING;
        }

        @Override
        public CallState state() {
            return CallState.ENDED;
        }

        @Override
        public Instant createdAt() {
            return Instant.now().minusSeconds(30);
        }

        @Override
        public Optional<Instant> connectedAt() {
            return Optional.empty();
        }

        @Override
        public Optional<EndReason> endReason() {
            return Optional.of(new EndReason(EndReason.Kind.REMOTE_HANGUP, "BYE"));
        }

        @Override
        public List<Participant> participants() {
            return List.of(remote);
        }

        @Override
        public Optional<String> codec() {
            return Optional.empty();
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

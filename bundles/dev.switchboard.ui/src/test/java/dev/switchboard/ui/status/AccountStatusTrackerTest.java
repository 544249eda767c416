package dev.switchboard.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;

class AccountStatusTrackerTest {

    private static final Account ALICE = new Account("alice", "sip", Map.of());
    private static final Account BOB = new Account("bob", "xmpp", Map.of(Account.DISPLAY_NAME, "Bob Builder"));

    private final RegistrationRelay relay = new RegistrationRelay();
    /** Runs every step at once, so each call's effect is visible when it returns. */
    private final AccountStatusTracker tracker = new AccountStatusTracker(relay, Runnable::run);
    private final FakeRegistry registry = new FakeRegistry();
    private final FakeRegistrationManager manager = new FakeRegistrationManager();

    @Test
    void knowsNothingBeforeTheServicesArrive() {
        assertEquals(StatusBoard.NOTHING_RUNNING, tracker.current());
    }

    @Test
    void readsAccountsAndTheirStatesWhenTheServicesArrive() {
        registry.accounts.addAll(List.of(ALICE, BOB));
        manager.states.put("alice", RegistrationState.REGISTERED);
        manager.states.put("bob", RegistrationState.failed("401 Unauthorized"));

        tracker.bindRegistrationManager(manager);
        tracker.bindAccountRegistry(registry);

        assertEquals(new StatusBoard(true, true, List.of(
                new AccountStatus("alice", "alice", RegistrationState.REGISTERED),
                new AccountStatus("bob", "Bob Builder", RegistrationState.failed("401 Unauthorized")))),
                tracker.current());
    }

    @Test
    void listsAccountsByDisplayName() {
        bindBoth(new Account("zed", "sip", Map.of(Account.DISPLAY_NAME, "anna")), BOB, ALICE);

        assertEquals(List.of("alice", "zed", "bob"), ids());
    }

    @Test
    void asksForStatesAgainWhenTheManagerArrivesLate() {
        registry.accounts.add(ALICE);
        tracker.bindAccountRegistry(registry);
        assertEquals(new StatusBoard(true, false, List.of(new AccountStatus("alice", "alice", RegistrationState.UNREGISTERED))),
                tracker.current());

        manager.states.put("alice", RegistrationState.REGISTERING);
        tracker.bindRegistrationManager(manager);

        assertEquals(RegistrationState.REGISTERING, tracker.current().accounts().getFirst().state());
    }

    @Test
    void followsRegistrationTransitions() {
        bindBoth(ALICE);

        relay.registrationChanged(ALICE, RegistrationState.UNREGISTERED, RegistrationState.REGISTERING);
        relay.registrationChanged(ALICE, RegistrationState.REGISTERING, RegistrationState.REGISTERED);
        relay.registrationChanged(ALICE, RegistrationState.REGISTERED,
                RegistrationState.connectionLost("no answer from registrar"));

        assertEquals(RegistrationState.connectionLost("no answer from registrar"),
                tracker.current().accounts().getFirst().state());
    }

    @Test
    void ignoresTransitionsOfAccountsTheRegistryDoesNotHave() {
        bindBoth(ALICE);

        relay.registrationChanged(BOB, RegistrationState.UNREGISTERED, RegistrationState.REGISTERING);

        assertEquals(List.of("alice"), ids());
    }

    @Test
    void followsAccountsBeingAddedRenamedAndRemoved() {
        bindBoth(ALICE);
        manager.states.put("bob", RegistrationState.REGISTERED);

        registry.add(BOB);
        assertEquals(List.of("alice", "bob"), ids());
        assertEquals(RegistrationState.REGISTERED, tracker.current().accounts().get(1).state());

        registry.add(ALICE.with(Map.of(Account.DISPLAY_NAME, "Alice Liddell")));
        assertEquals("Alice Liddell", tracker.current().accounts().getFirst().displayName());

        registry.remove("alice");
        assertEquals(List.of("bob"), ids());
    }

    @Test
    void keepsTheReportedStateWhenAnAccountIsEdited() {
        bindBoth(ALICE);
        relay.registrationChanged(ALICE, RegistrationState.REGISTERING, RegistrationState.REGISTERED);

        registry.add(ALICE.with(Map.of(Account.DISPLAY_NAME, "Alice Liddell")));

        assertEquals(RegistrationState.REGISTERED, tracker.current().accounts().getFirst().state());
    }

    @Test
    void treatsAnAccountTheManagerDoesNotKnowYetAsUnregistered() {
        bindBoth();
        manager.unknown = true;

        registry.add(ALICE);

        assertEquals(RegistrationState.UNREGISTERED, tracker.current().accounts().getFirst().state());
    }

    @Test
    void saysSoWhenTheServicesGoAway() {
        bindBoth(ALICE);
        relay.registrationChanged(ALICE, RegistrationState.REGISTERING, RegistrationState.REGISTERED);

        tracker.unbindRegistrationManager(manager);
        StatusBoard withoutManager = tracker.current();
        assertFalse(withoutManager.registrationServiceRunning());
        assertEquals(RegistrationState.UNREGISTERED, withoutManager.accounts().getFirst().state());

        tracker.unbindAccountRegistry(registry);
        assertEquals(StatusBoard.NOTHING_RUNNING, tracker.current());
        assertTrue(registry.listeners.isEmpty(), "the tracker stopped listening to the registry");
    }

    @Test
    void ignoresTheUnbindOfARegistryAlreadyReplaced() {
        FakeRegistry better = new FakeRegistry();
        better.accounts.add(BOB);
        bindBoth(ALICE);

        tracker.bindAccountRegistry(better);
        tracker.unbindAccountRegistry(registry);

        assertEquals(List.of("bob"), ids());
    }

    @Test
    void stopsFollowingTransitionsWhenDeactivated() {
        bindBoth(ALICE);

        tracker.stopListening();
        relay.registrationChanged(ALICE, RegistrationState.UNREGISTERED, RegistrationState.REGISTERING);

        assertEquals(RegistrationState.UNREGISTERED, tracker.current().accounts().getFirst().state());
    }

    @Test
    void tellsWatchersOfEveryChangeUntilRemoved() {
        AtomicInteger told = new AtomicInteger();
        Runnable watcher = told::incrementAndGet;
        tracker.addWatcher(watcher);

        bindBoth(ALICE);
        int afterBinding = told.get();
        relay.registrationChanged(ALICE, RegistrationState.UNREGISTERED, RegistrationState.REGISTERING);
        assertEquals(afterBinding + 1, told.get());

        tracker.removeWatcher(watcher);
        relay.registrationChanged(ALICE, RegistrationState.REGISTERING, RegistrationState.REGISTERED);
        assertEquals(afterBinding + 1, told.get());
    }

    private void bindBoth(Account... accounts) {
        registry.accounts.addAll(List.of(accounts));
        tracker.bindRegistrationManager(manager);
        tracker.bindAccountRegistry(registry);
    }

    private List<String> ids() {
        return tracker.current().accounts().stream().map(AccountStatus::accountId).toList();
    }

    private static final class FakeRegistry implements AccountRegistry {
        final List<Account> accounts = new ArrayList<>();
        final List<AccountListener> listeners = new ArrayList<>();

        void add(Account account) {
            accounts.removeIf(known -> known.id().equals(account.id()));
            accounts.add(account);
            listeners.forEach(listener -> listener.accountChanged(account));
        }

        @Override
        public List<Account> accounts() {
            return List.copyOf(accounts);
        }

        @Override
        public Optional<Account> account(String id) {
            return accounts.stream().filter(account -> account.id().equals(id)).findFirst();
        }

        @Override
        public void put(Account account, char[] secret) {
            add(account);
        }

        @Override
        public boolean remove(String id) {
            boolean removed = accounts.removeIf(account -> account.id().equals(id));
            if (removed) {
                listeners.forEach(listener -> listener.accountRemoved(id));
            }
            return removed;
        }

        @Override
        public Optional<char[]> secret(String id) {
            return Optional.empty();
        }

        @Override
        public void addListener(AccountListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(AccountListener listener) {
            listeners.remove(listener);
        }
    }

    private static final class FakeRegistrationManager implements RegistrationManager {
        final Map<String, RegistrationState> states = new HashMap<>();
        boolean unknown;

        @Override
        public void register(String accountId) {
            throw new UnsupportedOperationException("the tracker only reads states");
        }

        @Override
        public void unregister(String accountId) {
            throw new UnsupportedOperationException("the tracker only reads states");
        }

        @Override
        public RegistrationState state(String accountId) {
            if (unknown) {
                throw new IllegalArgumentException("no account " + accountId);
            }
            return states.getOrDefault(accountId, RegistrationState.UNREGISTERED);
        }
    }
}

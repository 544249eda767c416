package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.contacts.internal.RosterContactSource;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** The contacts' roster source over real XMPP sessions on Prosody: the roster as the server keeps it. */
class RosterContactSourceIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("frank", "frank123").user("grace", "grace123").start());

    /** The accounts' open sessions, as the core's session hub would hand them out. */
    private final Map<String, ProtocolSession> sessions = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();

    @AfterEach
    void closeSessions() {
        sessions.values().forEach(ProtocolSession::close);
    }

    private ProtocolSession online(String user, String password) throws Exception {
        Account account = XmppPeers.account(PROSODY.get(), user, true);
        Recorder recorder = new Recorder();
        ProtocolSession session = XmppPeers.provider().open(account, password.toCharArray(), recorder);
        sessions.put(account.id(), session);
        accounts.put(account.id(), account);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    @Test
    void searchByNameFindsTheRosterContactWithItsXmppAddress() throws Exception {
        String domain = PROSODY.get().domain();
        ProtocolSession frank = online("frank", "frank123");
        online("grace", "grace123");
        Roster frankRoster = frank.capability(Roster.class).orElseThrow();
        frankRoster.add("grace@" + domain, "Grace Hopper", Set.of("Navy", "Compilers"));
        XmppSessionIT.awaitTrue(() -> frankRoster.entries().stream()
                .anyMatch(entry -> entry.address().equals("grace@" + domain)), "the server pushed grace to frank");

        RosterContactSource source = new RosterContactSource(new ListedAccounts(), new OpenSessions());
        List<Contact> found = source.search("hopper", 10).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, found.size(), found.toString());
        Contact grace = found.get(0);
        assertEquals("Grace Hopper", grace.displayName());
        assertEquals(List.of(new ContactAddress(AddressKind.XMPP, "grace@" + domain, "Compilers, Navy")),
                grace.addresses());
        assertEquals("frank/grace@" + domain, grace.id());

        assertEquals(1, source.search("NAVY", 10).toCompletableFuture().get(5, TimeUnit.SECONDS).size(),
                "groups are searched");
        assertTrue(source.search("frank", 10).toCompletableFuture().get(5, TimeUnit.SECONDS).isEmpty(),
                "grace's roster is empty and frank is not in his own");
    }

    private final class OpenSessions implements SessionCapabilities {
        @Override
        public <T> Optional<T> capability(String accountId, Class<T> type) {
            return Optional.ofNullable(sessions.get(accountId)).flatMap(session -> session.capability(type));
        }
    }

    /** Only {@link #accounts()} is what the source reads; the rest is not used here. */
    private final class ListedAccounts implements AccountRegistry {
        @Override
        public List<Account> accounts() {
            return new ArrayList<>(accounts.values());
        }

        @Override
        public Optional<Account> account(String id) {
            return Optional.ofNullable(accounts.get(id));
        }

        @Override
        public void put(Account account, char[] secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(String id) {
            throw new UnsupportedOperationException();
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
}

package dev.switchboard.contacts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.contacts.ContactActions.Intent;
import dev.switchboard.contacts.ContactActions.Route;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;

/** Route choice with fake accounts, registrations, call manager and messaging. */
class DefaultContactActionsTest {

    private final PhoneNumberPlan plan = new PhoneNumberPlan("US", ExtensionPlan.NONE);
    private final PresenceBoard presence = new PresenceBoard(plan);
    private final List<String> dialled = new ArrayList<>();
    private final List<String> sent = new ArrayList<>();
    private final Map<String, RegistrationState> states = Map.of("a-sip", RegistrationState.REGISTERED,
            "b-iax", RegistrationState.REGISTERED, "c-xmpp", RegistrationState.REGISTERED,
            "d-sip", RegistrationState.UNREGISTERED);
    private final List<Account> accounts = List.of(new Account("d-sip", "sip", Map.of()),
            new Account("b-iax", "iax2", Map.of()), new Account("a-sip", "sip", Map.of()),
            new Account("c-xmpp", "xmpp", Map.of()));

    private final DefaultContactActions actions = new DefaultContactActions(new FakeAccounts(), new FakeRegistrations(),
            new FakeCalls(), new FakeMessaging(), plan, presence);

    private static MergedContact bob(ContactAddress... addresses) {
        return new MergedContact("Bob", "", List.of(addresses), List.of(), Presence.OFFLINE, false);
    }

    private static final ContactAddress TEL = new ContactAddress(AddressKind.TEL, "+1 (202) 555-0102", "work");
    private static final ContactAddress SIP = new ContactAddress(AddressKind.SIP, "bob@127.0.0.1", "");
    private static final ContactAddress XMPP = new ContactAddress(AddressKind.XMPP, "bob@localhost", "");

    @Test
    void callsPreferSipThenNumbersThroughEveryRegisteredTelephonyAccount() {
        List<Route> routes = actions.routes(bob(TEL, XMPP, SIP), Intent.CALL);

        assertEquals(List.of(new Route(SIP, "a-sip", "sip", "sip:bob@127.0.0.1"),
                new Route(TEL, "a-sip", "sip", "+12025550102"),
                new Route(TEL, "b-iax", "iax2", "+12025550102")), routes);
    }

    @Test
    void anAddressWhosePresenceIsAvailableGoesFirst() {
        presence.presenceChanged("c-xmpp", "+12025550102", new Presence(Availability.AVAILABLE, ""));

        assertEquals(TEL, actions.routes(bob(SIP, TEL), Intent.CALL).getFirst().address());
    }

    @Test
    void chatPrefersXmppThenSipMessages() {
        assertEquals(List.of(new Route(XMPP, "c-xmpp", "xmpp", "bob@localhost"),
                new Route(SIP, "a-sip", "sip", "sip:bob@127.0.0.1")), actions.routes(bob(TEL, SIP, XMPP), Intent.CHAT));
    }

    @Test
    void callAndChatHandTheFirstRouteOn() {
        actions.call(bob(TEL));
        actions.chat(bob(SIP, XMPP), "hello");

        assertEquals(List.of("a-sip " + "+12025550102"), dialled);
        assertEquals(List.of("c-xmpp bob@localhost hello"), sent);
    }

    @Test
    void noUsableRouteIsAClearError() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> actions.chat(bob(TEL), "hello"));
        assertEquals(true, failure.getMessage().contains("no registered account can message Bob"), failure.getMessage());
    }

    private final class FakeAccounts implements AccountRegistry {
        @Override
        public List<Account> accounts() {
            return accounts;
        }

        @Override
        public Optional<Account> account(String id) {
            return accounts.stream().filter(account -> account.id().equals(id)).findFirst();
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

    private final class FakeRegistrations implements RegistrationManager {
        @Override
        public void register(String accountId) {
        }

        @Override
        public void unregister(String accountId) {
        }

        @Override
        public RegistrationState state(String accountId) {
            return states.get(accountId);
        }
    }

    private final class FakeCalls implements CallManager {
        @Override
        public Call dial(String accountId, String address) {
            dialled.add(accountId + " " + address);
            return null;
        }

        @Override
        public List<Call> calls() {
            return List.of();
        }

        @Override
        public Optional<Call> call(String id) {
            return Optional.empty();
        }
    }

    private final class FakeMessaging implements MessagingService {
        @Override
        public Message send(String accountId, String to, String text) {
            sent.add(accountId + " " + to + " " + text);
            return null;
        }
    }
}

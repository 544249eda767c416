package dev.switchboard.core.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;

class RegistrationManagerTest {

    private final MemoryAccountRegistry accounts = new MemoryAccountRegistry();
    private final FakeProtocol protocol = new FakeProtocol();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private SessionHub hub;
    private DefaultRegistrationManager registrations;

    @BeforeEach
    void wire() {
        hub = new SessionHub(accounts);
        hub.addProvider(protocol);
        registrations = new DefaultRegistrationManager(hub, accounts);
        registrations.addListener((account, previous, current) ->
                transitions.add(account.id() + ":" + previous + "->" + current));
        accounts.put(new Account("a1", "fake", Map.of("user", "alice")), "pw".toCharArray());
    }

    @Test
    void registeringReportsEachTransitionOnce() {
        registrations.register("a1");
        FakeProtocol.FakeSession session = protocol.sessions.get("a1");
        session.listener.registrationChanged(RegistrationState.REGISTERING);
        session.listener.registrationChanged(RegistrationState.REGISTERED);
        session.listener.registrationChanged(RegistrationState.REGISTERED);
        session.listener.registrationChanged(RegistrationState.connectionLost("no answer from 127.0.0.1:5060"));
        assertEquals(List.of("a1:UNREGISTERED->REGISTERING", "a1:REGISTERING->REGISTERED",
                "a1:REGISTERED->CONNECTION_LOST(no answer from 127.0.0.1:5060)"), transitions);
        assertEquals(List.of("register"), session.actions);
    }

    @Test
    void anImpossibleReportIsNotApplied() {
        registrations.register("a1");
        FakeProtocol.FakeSession session = protocol.sessions.get("a1");
        session.listener.registrationChanged(RegistrationState.failed("authentication failed"));
        session.listener.registrationChanged(RegistrationState.REGISTERED);
        assertEquals(RegistrationState.failed("authentication failed"), registrations.state("a1"));
    }

    @Test
    void unregisteringClosesTheSession() {
        registrations.register("a1");
        FakeProtocol.FakeSession session = protocol.sessions.get("a1");
        session.listener.registrationChanged(RegistrationState.REGISTERED);
        registrations.unregister("a1");
        assertEquals(List.of("register", "unregister", "close"), session.actions);
        assertEquals(RegistrationState.UNREGISTERED, registrations.state("a1"));
    }

    @Test
    void aStoppedPluginShowsAsLostConnection() {
        registrations.register("a1");
        protocol.sessions.get("a1").listener.registrationChanged(RegistrationState.REGISTERED);
        hub.removeProvider(protocol);
        RegistrationState state = registrations.state("a1");
        assertEquals(RegistrationState.Kind.CONNECTION_LOST, state.kind());
        assertTrue(state.reason().contains("fake plug-in"), state.reason());
    }

    @Test
    void changedSettingsReRegisterWithANewSession() {
        registrations.register("a1");
        FakeProtocol.FakeSession first = protocol.sessions.get("a1");
        first.listener.registrationChanged(RegistrationState.REGISTERED);
        accounts.put(accounts.account("a1").orElseThrow().with(Map.of("user", "alice2")), null);
        FakeProtocol.FakeSession second = protocol.sessions.get("a1");
        assertTrue(first != second, "a new session must carry the new settings");
        assertEquals(List.of("register", "unregister", "close"), first.actions);
        assertEquals(List.of("register"), second.actions);
        assertEquals(RegistrationState.REGISTERING, registrations.state("a1"));
    }

    @Test
    void unknownAccountsAndMissingPluginsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> registrations.register("nope"));
        accounts.put(new Account("x1", "xmpp", Map.of()), null);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> registrations.register("x1"));
        assertTrue(error.getMessage().contains("no xmpp plug-in"), error.getMessage());
        assertEquals(RegistrationState.UNREGISTERED, registrations.state("x1"));
    }
}

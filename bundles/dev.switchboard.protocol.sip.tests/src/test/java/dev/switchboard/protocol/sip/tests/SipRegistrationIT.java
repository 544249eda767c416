package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/** The SIP plug-in registers with a real Kamailio: digest MD5 and SHA-256, UDP and TCP, wrong password, unregister. */
class SipRegistrationIT {

    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @RegisterExtension
    static final PeerExtension<Kamailio> SHA256_KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("carol", "carol123").sha256Digest().start());

    private static ProtocolSession open(Account account, String password, RecordingSessionListener listener)
            throws Exception {
        ProtocolProvider provider = SipPlugin.provider();
        provider.validate(account);
        return provider.open(account, password.toCharArray(), listener);
    }

    private static String registrar(Kamailio kamailio) {
        return kamailio.host() + ":" + kamailio.port();
    }

    @Test
    void registersOverUdpWithMd5AndUnregisters() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("a1", "alice", kamailio.domain(), registrar(kamailio));
        try (ClosingSession closing = new ClosingSession(open(account, "alice123", listener))) {
            ProtocolSession session = closing.session();
            session.register();
            listener.await(RegistrationState.Kind.REGISTERED, REGISTER_TIMEOUT);
            List<String> contacts = kamailio.awaitContacts("alice", REGISTER_TIMEOUT);
            assertEquals(1, contacts.size(), contacts::toString);
            assertTrue(contacts.get(0).startsWith("sip:alice@127.0.0.1:"), contacts::toString);
            assertTrue(Files.readString(kamailio.logFile()).contains("request REGISTER"), "Kamailio saw no REGISTER");

            session.unregister();
            listener.await(RegistrationState.Kind.UNREGISTERED, REGISTER_TIMEOUT);
            awaitNoContacts(kamailio, "alice");
        }
        assertEquals(List.of(RegistrationState.REGISTERING, RegistrationState.REGISTERED,
                RegistrationState.UNREGISTERED), listener.history());
    }

    /**
     * On shutdown the core unregisters and closes the session right after: the close must end when Kamailio's 200
     * to the expires-0 REGISTER arrives, not after its own timeout (3 s) with the binding left in doubt.
     */
    @Test
    void unregisterFollowedAtOnceByCloseEndsWithTheRegistrarsAnswer() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("b2", "bob", kamailio.domain(), registrar(kamailio));
        ProtocolSession session = open(account, "bob123", listener);
        try {
            session.register();
            listener.await(RegistrationState.Kind.REGISTERED, REGISTER_TIMEOUT);
            assertEquals(1, kamailio.awaitContacts("bob", REGISTER_TIMEOUT).size());
        } catch (Exception | AssertionError e) {
            session.close();
            throw e;
        }
        long start = System.nanoTime();
        session.unregister();
        session.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(closing.compareTo(Duration.ofMillis(1500)) < 0, "close took " + closing.toMillis() + " ms");
        assertEquals(List.of(), kamailio.contacts("bob"), "the binding is gone when close returns");
        assertEquals(RegistrationState.UNREGISTERED, listener.history().get(listener.history().size() - 1));
    }

    @Test
    void registersOverTcp() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("b1", "bob", kamailio.domain(), registrar(kamailio), "transport", "tcp");
        try (ClosingSession closing = new ClosingSession(open(account, "bob123", listener))) {
            ProtocolSession session = closing.session();
            session.register();
            listener.await(RegistrationState.Kind.REGISTERED, REGISTER_TIMEOUT);
            List<String> contacts = kamailio.awaitContacts("bob", REGISTER_TIMEOUT);
            assertTrue(contacts.get(0).contains("transport=tcp"), contacts::toString);
            // a few keep-alive rounds (CRLF ping, pong) must not be taken for a lost connection
            assertEquals(Optional.empty(), listener.next(Duration.ofSeconds(7)));
        }
        awaitNoContacts(kamailio, "bob");
    }

    @Test
    void wrongPasswordFailsOnceWithoutRetrying() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("a2", "alice", kamailio.domain(), registrar(kamailio));
        long registersBefore = countRegisters(kamailio);
        try (ClosingSession closing = new ClosingSession(open(account, "not-her-password", listener))) {
            ProtocolSession session = closing.session();
            session.register();
            RegistrationState failed = listener.await(RegistrationState.Kind.FAILED, REGISTER_TIMEOUT);
            assertEquals(RegistrationState.failed("authentication failed"), failed);
            assertEquals(registersBefore + 2, countRegisters(kamailio), "one REGISTER, one answer to the challenge");
            // no retry storm: nothing more is reported and nothing more is sent for over a keep-alive period
            assertEquals(Optional.empty(), listener.next(Duration.ofSeconds(6)));
            assertEquals(registersBefore + 2, countRegisters(kamailio));
        }
    }

    @Test
    void sha256ChallengeIsAnswered() throws Exception {
        Kamailio kamailio = SHA256_KAMAILIO.get();
        RecordingSessionListener listener = new RecordingSessionListener();
        Account account = SipPlugin.account("c1", "carol", kamailio.domain(), registrar(kamailio));
        try (ClosingSession closing = new ClosingSession(open(account, "carol123", listener))) {
            ProtocolSession session = closing.session();
            session.register();
            listener.await(RegistrationState.Kind.REGISTERED, REGISTER_TIMEOUT);
            assertEquals(1, kamailio.awaitContacts("carol", REGISTER_TIMEOUT).size());
        }
    }

    @Test
    void badSettingsAreRefusedBeforeAnythingIsSent() throws Exception {
        ProtocolProvider provider = SipPlugin.provider();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> provider.validate(new Account("x", "sip", java.util.Map.of("user", "alice"))));
        assertTrue(error.getMessage().contains("domain"), error.getMessage());
        assertEquals("sip", provider.protocol());
    }

    private static long countRegisters(Kamailio kamailio) throws Exception {
        return Files.readAllLines(kamailio.logFile()).stream().filter(line -> line.contains("request REGISTER"))
                .count();
    }

    private static void awaitNoContacts(Kamailio kamailio, String user) {
        long deadline = System.nanoTime() + REGISTER_TIMEOUT.toNanos();
        while (!kamailio.contacts(user).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(user + " still registered: " + kamailio.contacts(user));
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }
}

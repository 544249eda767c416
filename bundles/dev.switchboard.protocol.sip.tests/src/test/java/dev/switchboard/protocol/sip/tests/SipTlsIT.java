package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.TestCertificateAuthority;

/**
 * SIP over TLS with Kamailio's tls module and certificates from a certificate authority made for the test: a chain to
 * the account's trusted authority for the registrar's address registers and carries a call; a certificate from an
 * unknown authority, or one for another name, is refused with the reason and the fingerprint to pin; pinning that
 * fingerprint registers.
 */
class SipTlsIT {

    private static final Duration STEP = Duration.ofSeconds(10);

    private static TestCertificateAuthority trusted;
    private static TestCertificateAuthority unknown;
    private static Kamailio good;
    private static Kamailio selfIssued;
    private static Kamailio misnamed;
    private static Kamailio direct;
    private static Path unknownCertificate;

    @BeforeAll
    static void start() {
        trusted = TestCertificateAuthority.create("Switchboard Test CA");
        unknown = TestCertificateAuthority.create("Unknown CA");
        good = Kamailio.builder().user("alice", "alice123").user("bob", "bob123")
                .tls(trusted.issue("127.0.0.1", "IP:127.0.0.1")).start();
        TestCertificateAuthority.Issued untrusted = unknown.issue("127.0.0.1", "IP:127.0.0.1");
        unknownCertificate = untrusted.certificateFile();
        selfIssued = Kamailio.builder().user("alice", "alice123").tls(untrusted).start();
        misnamed = Kamailio.builder().user("alice", "alice123").tls(trusted.issue("sip.invalid", "DNS:sip.invalid"))
                .start();
        direct = Kamailio.builder().user("alice", "alice123").user("bob", "bob123")
                .tls(trusted.issue("127.0.0.1", "IP:127.0.0.1")).reachContactsOverNewConnections().start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable peer : new AutoCloseable[] {good, selfIssued, misnamed, direct, trusted, unknown}) {
            try {
                if (peer != null) {
                    peer.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Account account(String id, String user, Kamailio kamailio, String... extra) {
        String[] settings = new String[extra.length + 2];
        settings[0] = "transport";
        settings[1] = "tls";
        System.arraycopy(extra, 0, settings, 2, extra.length);
        return SipPlugin.account(id, user, kamailio.domain(), kamailio.host() + ":" + kamailio.tlsPort(), settings);
    }

    private static ClosingSession open(Account account, String password, RecordingSessionListener listener)
            throws Exception {
        var provider = SipPlugin.provider();
        provider.validate(account);
        return new ClosingSession(provider.open(account, password.toCharArray(), listener));
    }

    @Test
    void registersAndCallsOverTlsWithTheAccountsAuthority() throws Exception {
        String authority = trusted.certificateFile().toString();
        call(account("tls-alice", "alice", good, "tls.ca", authority, "capture", "null:", "playback", "null:",
                "keepalive", "1"),
                account("tls-bob", "bob", good, "tls.ca", authority, "capture", "null:", "playback", "null:"), "tls");
    }

    /** The same over TCP: requests arriving on a stream (framed by jain-sip, not as datagrams) pass the strict check. */
    @Test
    void callsOverTcp() throws Exception {
        String registrar = good.host() + ":" + good.port();
        call(SipPlugin.account("tcp-alice", "alice", good.domain(), registrar, "transport", "tcp", "capture", "null:",
                "playback", "null:"), SipPlugin.account("tcp-bob", "bob", good.domain(), registrar, "transport", "tcp",
                        "capture", "null:", "playback", "null:"), "tcp");
    }

    private static void call(Account aliceAccount, Account bobAccount, String transport) throws Exception {
        RecordingSessionListener aliceEvents = new RecordingSessionListener();
        RecordingSessionListener bobEvents = new RecordingSessionListener();
        RecordingCallListener bobCall = new RecordingCallListener();
        bobEvents.onIncomingCall(leg -> {
            leg.answer();
            return bobCall;
        });
        try (ClosingSession alice = open(aliceAccount, "alice123", aliceEvents);
                ClosingSession bob = open(bobAccount, "bob123", bobEvents)) {
            alice.session().register();
            bob.session().register();
            aliceEvents.await(RegistrationState.Kind.REGISTERED, STEP);
            bobEvents.await(RegistrationState.Kind.REGISTERED, STEP);
            List<String> contacts = good.awaitContacts("bob", STEP);
            assertTrue(contacts.get(0).contains("transport=" + transport), contacts::toString);
            // with keepalive=1 (TLS) two CRLF pings must get their pongs, or the registration would be lost
            assertEquals(Optional.empty(), aliceEvents.next(Duration.ofMillis(2500)));

            RecordingCallListener aliceCall = new RecordingCallListener();
            CallLeg leg = alice.session().dial("bob", aliceCall);
            aliceCall.await(CallState.CONNECTED, STEP);
            bobCall.await(CallState.CONNECTED, STEP);
            leg.hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, bobCall.awaitEnd(STEP).kind());
        }
        assertTrue(Files.readString(good.logFile()).contains("(" + transport + ") call-id"), "nothing over " + transport);
    }

    /**
     * A proxy that does not reuse our connection opens a new TLS connection to our Contact, where we listen with our
     * own certificate; alice's account is {@code sips:} (RFC 5630): it registers a {@code sips:} Contact and is
     * called at {@code sips:alice@...}; her BYE reaches bob (a {@code transport=tls} account) the same way, at the
     * SIPS Contact bob gave in that dialog.
     */
    @Test
    void aSipsAccountIsReachedOverANewTlsConnectionToItsContact() throws Exception {
        String authority = trusted.certificateFile().toString();
        RecordingSessionListener aliceEvents = new RecordingSessionListener();
        RecordingSessionListener bobEvents = new RecordingSessionListener();
        RecordingCallListener aliceCall = new RecordingCallListener();
        java.util.concurrent.CompletableFuture<CallLeg> aliceLeg = new java.util.concurrent.CompletableFuture<>();
        aliceEvents.onIncomingCall(leg -> {
            aliceLeg.complete(leg);
            leg.answer();
            return aliceCall;
        });
        try (ClosingSession alice = open(account("sips-alice", "alice", direct, "transport", "sips", "tls.ca",
                authority, "capture", "null:", "playback", "null:"), "alice123", aliceEvents);
                ClosingSession bob = open(account("tls-bob-direct", "bob", direct, "tls.ca", authority, "capture",
                        "null:", "playback", "null:"), "bob123", bobEvents)) {
            alice.session().register();
            bob.session().register();
            aliceEvents.await(RegistrationState.Kind.REGISTERED, STEP);
            bobEvents.await(RegistrationState.Kind.REGISTERED, STEP);
            String contact = direct.awaitContacts("alice", STEP).get(0);
            assertTrue(contact.startsWith("sips:alice@127.0.0.1:") && !contact.contains("transport="), contact);

            RecordingCallListener bobCall = new RecordingCallListener();
            bob.session().dial("sips:alice@" + direct.domain(), bobCall);
            aliceCall.await(CallState.CONNECTED, STEP);
            bobCall.await(CallState.CONNECTED, STEP);
            aliceLeg.get().hangup();
            assertEquals(EndReason.Kind.REMOTE_HANGUP, bobCall.awaitEnd(STEP).kind());
        }
        String log = Files.readString(direct.logFile());
        assertTrue(log.contains("request INVITE sips:alice@"), "no sips: INVITE reached the proxy");
        // bob's account is sip:, but his Contact in a dialog set up for a sips: URI is a SIPS URI (RFC 3261 8.1.1.8),
        // which alice's BYE is sent to
        assertTrue(log.contains("request BYE sips:bob@"), "alice's BYE did not go to a sips: Contact of bob");
    }

    @Test
    void certificateFromAnUnknownAuthorityIsRefusedUntilPinned() throws Exception {
        String fingerprint = fingerprint(unknownCertificate);
        RecordingSessionListener refused = new RecordingSessionListener();
        try (ClosingSession alice = open(account("tls-unknown", "alice", selfIssued), "alice123", refused)) {
            alice.session().register();
            RegistrationState failed = refused.await(RegistrationState.Kind.FAILED, STEP);
            String reason = failed.reason();
            assertTrue(reason.startsWith("certificate rejected: "), reason);
            assertTrue(reason.contains(fingerprint), reason);
            assertTrue(reason.contains("tls.pin"), reason);
            assertTrue(reason.contains("not issued by a trusted certificate authority"), reason);
            // refused for good: no retry that would meet the same certificate
            assertEquals(Optional.empty(), refused.next(Duration.ofSeconds(3)));
        }
        assertTrue(selfIssued.contacts("alice").isEmpty(), "registered although the certificate was refused");
        assertFalse(Files.readString(selfIssued.logFile()).contains("request REGISTER"),
                "a REGISTER crossed the refused connection");

        RecordingSessionListener pinned = new RecordingSessionListener();
        try (ClosingSession alice = open(account("tls-pinned", "alice", selfIssued, "tls.pin", fingerprint),
                "alice123", pinned)) {
            alice.session().register();
            pinned.await(RegistrationState.Kind.REGISTERED, STEP);
            assertEquals(1, selfIssued.awaitContacts("alice", STEP).size());
        }
    }

    @Test
    void certificateForAnotherNameIsRefused() throws Exception {
        RecordingSessionListener events = new RecordingSessionListener();
        try (ClosingSession alice = open(account("tls-misnamed", "alice", misnamed, "tls.ca",
                trusted.certificateFile().toString()), "alice123", events)) {
            alice.session().register();
            String reason = events.await(RegistrationState.Kind.FAILED, STEP).reason();
            assertTrue(reason.startsWith("certificate rejected: "), reason);
            assertTrue(reason.contains("127.0.0.1"), "the reason should name the address the certificate lacks: "
                    + reason);
        }
        assertTrue(misnamed.contacts("alice").isEmpty(), "registered with a certificate for another name");
    }

    private static String fingerprint(Path certificateFile) throws Exception {
        try (InputStream in = Files.newInputStream(certificateFile)) {
            byte[] encoded = CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded();
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        }
    }
}

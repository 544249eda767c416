package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/** Kamailio challenges a REGISTER with MD5 digest (qop=auth) and accepts only the right password. */
class KamailioDigestIT {
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void registerIsChallengedThenAcceptedWithTheRightPassword() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (SipRegistrationClient client = new SipRegistrationClient(kamailio.address(), "alice", kamailio.domain())) {
            SipRegistrationClient.Response challengeResponse = client.register();
            assertEquals(401, challengeResponse.status(), challengeResponse.text());
            SipRegistrationClient.Challenge challenge = SipRegistrationClient.Challenge
                    .parse(challengeResponse.header("WWW-Authenticate"));
            assertEquals(kamailio.domain(), challenge.realm());
            assertEquals("MD5", challenge.algorithm());
            assertTrue(challenge.offersQopAuth(), "challenge should offer qop=auth: " + challenge);

            SipRegistrationClient.Response accepted = client.register(challenge, "alice123");

            assertEquals(200, accepted.status(), accepted.text());
            assertTrue(kamailio.awaitContacts("alice", Duration.ofSeconds(5)).stream()
                    .anyMatch(contact -> contact.startsWith("sip:alice@127.0.0.1:")));
        }
    }

    @Test
    void wrongPasswordIsNeverAccepted() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (SipRegistrationClient client = new SipRegistrationClient(kamailio.address(), "bob", kamailio.domain())) {
            SipRegistrationClient.Response first = client.register();
            assertEquals(401, first.status(), first.text());
            SipRegistrationClient.Challenge challenge = SipRegistrationClient.Challenge
                    .parse(first.header("WWW-Authenticate"));

            SipRegistrationClient.Response rejected = client.register(challenge, "not-bobs-password");

            assertNotEquals(200, rejected.status(), rejected.text());
            assertTrue(rejected.status() == 401 || rejected.status() == 403, rejected.text());
            assertTrue(kamailio.contacts("bob").isEmpty(), "bob must not be registered");
        }
    }
}

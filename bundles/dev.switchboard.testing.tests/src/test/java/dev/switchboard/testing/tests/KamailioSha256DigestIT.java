package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/** With the SHA-256 option Kamailio challenges with algorithm=SHA-256 (RFC 8760) and verifies SHA-256 responses. */
class KamailioSha256DigestIT {
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("carol", "carol123").sha256Digest().start());

    @Test
    void sha256ChallengeIsAnsweredWithSha256() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (SipRegistrationClient client = new SipRegistrationClient(kamailio.address(), "carol", kamailio.domain())) {
            SipRegistrationClient.Response challengeResponse = client.register();
            assertEquals(401, challengeResponse.status(), challengeResponse.text());
            SipRegistrationClient.Challenge challenge = SipRegistrationClient.Challenge
                    .parse(challengeResponse.header("WWW-Authenticate"));
            assertEquals("SHA-256", challenge.algorithm(), challengeResponse.header("WWW-Authenticate"));

            SipRegistrationClient.Response wrong = client.register(challenge, "carol124");
            assertNotEquals(200, wrong.status(), wrong.text());

            SipRegistrationClient.Challenge fresh = SipRegistrationClient.Challenge.parse(wrong.header("WWW-Authenticate"));
            SipRegistrationClient.Response accepted = client.register(fresh, "carol123");
            assertEquals(200, accepted.status(), accepted.text());
            assertTrue(!kamailio.contacts("carol").isEmpty(), "carol should be registered");
        }
    }

    @Test
    void digestResponsesMatchTheExampleOfRfc7616() {
        // RFC 7616 section 3.9.1
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", SipRegistrationClient.digestResponse("MD5", "Mufasa",
                "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html", nonce, "00000001", cnonce));
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                SipRegistrationClient.digestResponse("SHA-256", "Mufasa", "http-auth@example.org", "Circle of Life",
                        "GET", "/dir/index.html", nonce, "00000001", cnonce));
    }
}

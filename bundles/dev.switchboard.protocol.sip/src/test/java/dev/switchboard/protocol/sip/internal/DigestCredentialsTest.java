package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class DigestCredentialsTest {

    private static final char[] MUFASA_PASSWORD = "Circle of Life".toCharArray();
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void md5ResponseMatchesRfc7616Example() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestCredentials.response(DigestAlgorithm.MD5, "Mufasa",
                "http-auth@example.org", MUFASA_PASSWORD, "GET", "/dir/index.html", RFC7616_NONCE, "00000001",
                RFC7616_CNONCE, "auth"));
    }

    @Test
    void sha256ResponseMatchesRfc7616Example() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestCredentials.response(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org",
                        MUFASA_PASSWORD, "GET", "/dir/index.html", RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth"));
    }

    @Test
    void md5ResponseMatchesRfc2617Example() {
        assertEquals("6629fae49393a05397450978507c4ef1", DigestCredentials.response(DigestAlgorithm.MD5, "Mufasa",
                "testrealm@host.com", "Circle Of Life".toCharArray(), "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"));
    }

    /** Expected values computed with Python's hashlib (OpenSSL's SHA-512/256), an independent implementation. */
    @Test
    void sha512256ResponsesMatchAnIndependentComputation() {
        char[] password = "alice123".toCharArray();
        assertEquals("3e90bb5f095060d62c2483285bb1ece1f850f6e6b15f1bdcca32425bd1b89086",
                DigestCredentials.response(DigestAlgorithm.SHA_512_256, "alice", "127.0.0.1", password, "REGISTER",
                        "sip:127.0.0.1", "abc123", "00000002", "0a4f113b", "auth"));
        assertEquals("c78045618006c507454943597e8538ea6f6978987d6c9647d973f88ab4e6f45a",
                DigestCredentials.response(DigestAlgorithm.SHA_512_256_SESS, "alice", "127.0.0.1", password,
                        "REGISTER", "sip:127.0.0.1", "abc123", "00000002", "0a4f113b", "auth"));
    }

    @Test
    void withoutQopTheResponseHashesNonceAndA2Only() {
        // RFC 2069 compatibility: KD(HA1, nonce:HA2)
        String expected = DigestCredentials.response(DigestAlgorithm.MD5, "u", "r", "p".toCharArray(), "REGISTER",
                "sip:r", "n", null, null, null);
        DigestCredentials credentials = new DigestCredentials("u", "p".toCharArray());
        DigestCredentials.Answer answer = credentials.answer(
                new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, Set.of(), false), "REGISTER", "sip:r");
        assertEquals(expected, answer.response());
        assertNull(answer.qop());
        assertNull(answer.nonceCount());
        assertNull(answer.cnonce());
    }

    @Test
    void nonceCountGrowsPerNonceAndStartsAgainForANewOne() {
        DigestCredentials credentials = new DigestCredentials("alice", "secret".toCharArray());
        DigestChallenge first = new DigestChallenge("r", "n1", "op", DigestAlgorithm.SHA_256, Set.of("auth"), false);
        assertEquals("00000001", credentials.answer(first, "REGISTER", "sip:r").nonceCount());
        DigestCredentials.Answer second = credentials.answer(first, "REGISTER", "sip:r");
        assertEquals("00000002", second.nonceCount());
        assertEquals("auth", second.qop());
        assertEquals("op", second.opaque());
        assertEquals(DigestCredentials.response(DigestAlgorithm.SHA_256, "alice", "r", "secret".toCharArray(),
                "REGISTER", "sip:r", "n1", "00000002", second.cnonce(), "auth"), second.response());
        DigestChallenge renewed = new DigestChallenge("r", "n2", null, DigestAlgorithm.SHA_256, Set.of("auth"), true);
        assertEquals("00000001", credentials.answer(renewed, "REGISTER", "sip:r").nonceCount());
    }

    @Test
    void algorithmTokensAreReadCaseInsensitivelyAndMissingMeansMd5() {
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromToken(null).orElseThrow());
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.fromToken("sha-256").orElseThrow());
        assertEquals(DigestAlgorithm.SHA_512_256, DigestAlgorithm.fromToken("SHA-512-256").orElseThrow());
        assertEquals(DigestAlgorithm.MD5_SESS, DigestAlgorithm.fromToken("MD5-sess").orElseThrow());
        assertTrue(DigestAlgorithm.fromToken("AKAv1-MD5").isEmpty());
    }

    @Test
    void onlyChallengesWithoutQopOrWithAuthCanBeAnswered() {
        assertTrue(new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, DigestChallenge.qopOptions("auth,auth-int"),
                false).answerable());
        assertFalse(new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, DigestChallenge.qopOptions("auth-int"),
                false).answerable());
        assertTrue(new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, DigestChallenge.qopOptions(null), false)
                .answerable());
    }
}

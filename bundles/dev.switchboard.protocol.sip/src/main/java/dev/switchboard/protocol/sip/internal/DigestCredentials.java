package dev.switchboard.protocol.sip.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Computes digest responses (RFC 7616 with the SIP profile of RFC 3261 and RFC 8760) for one user. Keeps the
 * password only as long as the session lives, and counts {@code nc} per nonce so a reused nonce is answered
 * with an increasing count.
 */
public final class DigestCredentials {

    /** What goes into an {@code Authorization}/{@code Proxy-Authorization} header. */
    public record Answer(String username, String realm, String nonce, String uri, String response,
            DigestAlgorithm algorithm, String opaque, String qop, String nonceCount, String cnonce) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String username;
    private final char[] password;
    private final Map<String, Integer> nonceCounts = new HashMap<>();

    /** Copies {@code password}; the caller may clear its array. */
    public DigestCredentials(String username, char[] password) {
        this.username = username;
        this.password = password.clone();
    }

    /** Answers {@code challenge} for a request {@code method} to {@code uri}. */
    public synchronized Answer answer(DigestChallenge challenge, String method, String uri) {
        String cnonce = HEX.formatHex(randomBytes());
        boolean withQop = challenge.qopOptions().contains("auth");
        String nonceCount = null;
        if (withQop) {
            int count = nonceCounts.merge(challenge.nonce(), 1, Integer::sum);
            nonceCount = String.format("%08x", count);
        }
        String response = response(challenge.algorithm(), username, challenge.realm(), password, method, uri,
                challenge.nonce(), nonceCount, withQop || challenge.algorithm().session() ? cnonce : null,
                withQop ? "auth" : null);
        return new Answer(username, challenge.realm(), challenge.nonce(), uri, response, challenge.algorithm(),
                challenge.opaque(), withQop ? "auth" : null, nonceCount,
                withQop || challenge.algorithm().session() ? cnonce : null);
    }

    /** Forgets the password. */
    public synchronized void clear() {
        Arrays.fill(password, '\0');
        nonceCounts.clear();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * The {@code response} value of RFC 7616 section 3.4.1: {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))}, or
     * {@code KD(H(A1), nonce:H(A2))} without qop; A2 is {@code method:uri} (qop=auth).
     */
    public static String response(DigestAlgorithm algorithm, String username, String realm, char[] password,
            String method, String uri, String nonce, String nonceCount, String cnonce, String qop) {
        byte[] secret = utf8(password);
        String ha1;
        try {
            byte[] a1 = concat(bytes(username + ":" + realm + ":"), secret);
            ha1 = hash(algorithm, a1);
            Arrays.fill(a1, (byte) 0);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        if (algorithm.session()) {
            ha1 = hash(algorithm, bytes(ha1 + ":" + nonce + ":" + cnonce));
        }
        String ha2 = hash(algorithm, bytes(method + ":" + uri));
        String data = qop == null ? nonce + ":" + ha2 : nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2;
        return hash(algorithm, bytes(ha1 + ":" + data));
    }

    private static String hash(DigestAlgorithm algorithm, byte[] data) {
        MessageDigest digest = algorithm.newDigest();
        return HEX.formatHex(digest.digest(data));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}

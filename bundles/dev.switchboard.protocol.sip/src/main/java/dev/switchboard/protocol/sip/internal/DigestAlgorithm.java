package dev.switchboard.protocol.sip.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms of RFC 7616 (and RFC 8760 for SIP), each with its "-sess" variant. */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private final String token;
    private final String javaName;
    private final boolean session;

    DigestAlgorithm(String token, String javaName, boolean session) {
        this.token = token;
        this.javaName = javaName;
        this.session = session;
    }

    /** The name in the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /** Whether HA1 is bound to the nonce and cnonce (the "-sess" variants). */
    public boolean session() {
        return session;
    }

    /** The algorithm named by a challenge; a missing parameter means MD5 (RFC 7616 section 3.3). */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.of(MD5);
        }
        String wanted = token.strip().toLowerCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + javaName, e);
        }
    }
}

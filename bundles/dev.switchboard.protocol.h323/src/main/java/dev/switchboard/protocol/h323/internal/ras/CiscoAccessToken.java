package dev.switchboard.protocol.h323.internal.ras;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * The Cisco Access Token (CAT) ClearToken GnuGk checks as its "MD5" password authentication of
 * RRQ and ARQ: tokenOID 1.2.840.113548.10.1.2.1, the user in generalID, and a challenge of
 * MD5(random as one octet ‖ password ‖ timeStamp as 32-bit big-endian). Confirmed against the
 * tokens h323plus sent in the recorded GnuGk exchanges (bob/bob123, alice/alice123, alice/wrongpass).
 */
public final class CiscoAccessToken {
    public static final ObjectIdentifier TOKEN_OID = ObjectIdentifier.parse("1.2.840.113548.10.1.2.1");

    private CiscoAccessToken() {
    }

    public static byte[] challenge(int random, String password, long timeStamp) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) random);
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(new byte[] {(byte) (timeStamp >>> 24), (byte) (timeStamp >>> 16), (byte) (timeStamp >>> 8),
                (byte) timeStamp});
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /**
     * The ClearToken for {@code user}. h323plus terminates generalID with NUL, and GnuGk accepted
     * exactly that form in the recordings, so we send it the same way.
     */
    public static SequenceValue token(String user, String password, long timeStamp, int random) {
        return new SequenceValue().with("tokenOID", TOKEN_OID).with("timeStamp", timeStamp)
                .with("challenge", challenge(random & 0xFF, password, timeStamp)).with("random", (long) (random & 0xFF))
                .with("generalID", user + "\0");
    }

    /** True if {@code token} is a CAT whose challenge matches {@code password} (what a gatekeeper checks). */
    public static boolean verifies(SequenceValue token, String password) {
        if (!TOKEN_OID.equals(token.find("tokenOID").orElse(null))) {
            return false;
        }
        Optional<Object> challenge = token.find("challenge");
        Optional<Object> random = token.find("random");
        Optional<Object> timeStamp = token.find("timeStamp");
        if (challenge.isEmpty() || random.isEmpty() || timeStamp.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual((byte[]) challenge.get(),
                challenge((int) (long) (Long) random.get(), password, (Long) timeStamp.get()));
    }
}

package dev.switchboard.protocol.h323.internal.ras;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.BitString;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * H.235.1 (baseline security profile, password-based integrity): a nestedcryptoToken holding a
 * cryptoHashedToken whose 96-bit HMAC-SHA1 covers the whole PER-encoded RAS message, computed with
 * the hash field set to zeros; the key is SHA-1 of the password (checked against GnuGk's and
 * h323plus's tokens in the recordings).
 */
public final class H2351Token {
    private H2351Token() {
    }

    /** tokenOID of the cryptoHashedToken (H.235.1 "A"). */
    public static final ObjectIdentifier HASHED_TOKEN_OID = ObjectIdentifier.parse("0.0.8.235.0.2.1");
    /** tokenOID of its ClearToken (H.235.1 "T"). */
    public static final ObjectIdentifier CLEAR_TOKEN_OID = ObjectIdentifier.parse("0.0.8.235.0.2.5");
    /** HMAC-SHA1-96 (H.235.1 "U"). */
    public static final ObjectIdentifier HMAC_SHA1_96 = ObjectIdentifier.parse("0.0.8.235.0.2.6");
    private static final int HASH_BITS = 96;

    /**
     * Appends an H.235.1 token to the cryptoTokens of an encoded RAS message and returns the message
     * with the token's hash filled in.
     *
     * @param generalId the gatekeeper identifier (the receiver)
     * @param sendersId our alias before registration, our endpoint identifier after
     */
    public static byte[] sign(byte[] rasMessage, String password, String generalId, String sendersId, long timeStamp,
            long random) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(rasMessage);
        SequenceValue body = (SequenceValue) pdu.value();
        SequenceValue hashed = new SequenceValue().with("algorithmOID", HMAC_SHA1_96).with("paramS", new SequenceValue())
                .with("hash", new BitString(new byte[HASH_BITS / 8], HASH_BITS));
        SequenceValue clear = new SequenceValue().with("tokenOID", CLEAR_TOKEN_OID).with("timeStamp", timeStamp)
                .with("random", random).with("generalID", generalId).with("sendersID", sendersId);
        ChoiceValue token = Asn.choose(H225Asn.CRYPTO_H323_TOKEN, "nestedcryptoToken",
                Asn.choose(H225Asn.CRYPTO_TOKEN, "cryptoHashedToken", new SequenceValue().with("tokenOID", HASHED_TOKEN_OID)
                        .with("hashedVals", clear).with("token", hashed)));
        List<Object> tokens = new ArrayList<>((List<?>) body.find("cryptoTokens").orElse(List.of()));
        tokens.add(token);
        body.with("cryptoTokens", tokens);
        byte[] zeroed = H225Asn.RAS_MESSAGE.encode(pdu);
        hashed.with("hash", new BitString(hmac(password, zeroed), HASH_BITS));
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }

    /**
     * Checks the H.235.1 token of a received RAS message against the password: empty when the
     * message has none, else whether its hash is right.
     */
    public static Optional<Boolean> verify(byte[] rasMessage, String password) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(rasMessage);
        Optional<SequenceValue> hashed = hashedToken((SequenceValue) pdu.value());
        if (hashed.isEmpty()) {
            return Optional.empty();
        }
        BitString received = (BitString) hashed.get().get("hash");
        if (received.bitLength() != HASH_BITS) {
            return Optional.of(false);
        }
        hashed.get().with("hash", new BitString(new byte[HASH_BITS / 8], HASH_BITS));
        byte[] expected = hmac(password, H225Asn.RAS_MESSAGE.encode(pdu));
        return Optional.of(MessageDigest.isEqual(expected, received.bytes()));
    }

    /** The HASHED value of the message's H.235.1 token, if it has one. */
    static Optional<SequenceValue> hashedToken(SequenceValue body) {
        for (Object t : (List<?>) body.find("cryptoTokens").orElse(List.of())) {
            ChoiceValue token = (ChoiceValue) t;
            if ("nestedcryptoToken".equals(token.name()) && token.value() instanceof ChoiceValue nested
                    && "cryptoHashedToken".equals(nested.name())) {
                SequenceValue hashedToken = (SequenceValue) nested.value();
                if (HASHED_TOKEN_OID.equals(hashedToken.get("tokenOID"))) {
                    return Optional.of(hashedToken.getSequence("token"));
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] hmac(String password, byte[] message) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return Arrays.copyOf(mac.doFinal(message), HASH_BITS / 8);
        } catch (GeneralSecurityException e) {
            throw new PerException("HMAC-SHA1 unavailable: " + e.getMessage());
        }
    }
}

package dev.switchboard.protocol.h323.internal.ras;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.BitString;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * H.235 password authentication by hash (authenticationMode pwdHash, MD5): the CryptoH323Token
 * cryptoEPPwdHash {alias, timeStamp, HASHED {MD5, paramS {}, hash}} whose 128-bit hash is MD5 over the
 * aligned-PER encoding of the ClearToken {tokenOID 0.0, timeStamp, password, generalID}. password is
 * the shared secret and generalID the sender's alias; as h323plus (and so GnuGk, which checks with
 * it) writes them, both BMPStrings end with a NUL that their length counts, while the token's alias
 * does not. Confirmed bit-exact against the tokens h323plus put into the recorded Setups.
 */
public final class PasswordHashToken {
    /** MD5 (RFC 1321), the algorithmOID of the token and what a gatekeeper's GCF names for this mode. */
    public static final ObjectIdentifier MD5 = ObjectIdentifier.parse("1.2.840.113549.2.5");
    /** The tokenOID of the hashed ClearToken: no OID is defined for it, and h323plus uses 0.0. */
    static final ObjectIdentifier HASHED_CLEAR_TOKEN_OID = ObjectIdentifier.parse("0.0");
    private static final int HASH_BITS = 128;
    /** How far a token's time stamp may be from our clock (H.235 leaves the window to the receiver). */
    public static final long TIME_WINDOW_SECONDS = 300;

    private PasswordHashToken() {
    }

    /** The ClearToken whose encoding is hashed. */
    static SequenceValue hashedClearToken(String alias, String password, long timeStamp) {
        return new SequenceValue().with("tokenOID", HASHED_CLEAR_TOKEN_OID).with("timeStamp", timeStamp)
                .with("password", password + "\0").with("generalID", alias + "\0");
    }

    static byte[] hash(String alias, String password, long timeStamp) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest(H225Asn.CLEAR_TOKEN.encode(hashedClearToken(alias, password, timeStamp)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }

    /** The cryptoEPPwdHash of {@code alias} (our h323-ID) with the account's password, at {@code timeStamp} (UTC seconds). */
    public static ChoiceValue token(String alias, String password, long timeStamp) {
        SequenceValue hashed = new SequenceValue().with("algorithmOID", MD5).with("paramS", new SequenceValue())
                .with("hash", new BitString(hash(alias, password, timeStamp), HASH_BITS));
        return Asn.choose(H225Asn.CRYPTO_H323_TOKEN, "cryptoEPPwdHash", new SequenceValue()
                .with("alias", Asn.choose(H225Asn.ALIAS_ADDRESS, "h323-ID", alias)).with("timeStamp", timeStamp)
                .with("token", hashed));
    }

    /** The cryptoEPPwdHash among a message's cryptoTokens, if it has one. */
    public static Optional<SequenceValue> find(List<?> cryptoTokens) {
        for (Object t : cryptoTokens) {
            if (t instanceof ChoiceValue token && "cryptoEPPwdHash".equals(token.name())) {
                return Optional.of((SequenceValue) token.value());
            }
        }
        return Optional.empty();
    }

    /**
     * What a gatekeeper (or a callee) checks: the token names MD5, its alias is an h323-ID, and its
     * hash is the one {@code password} gives for that alias and time stamp.
     */
    public static boolean verifies(SequenceValue cryptoEPPwdHash, String password) {
        ChoiceValue alias = cryptoEPPwdHash.getChoice("alias");
        SequenceValue hashed = cryptoEPPwdHash.getSequence("token");
        if (!"h323-ID".equals(alias.name()) || !MD5.equals(hashed.get("algorithmOID"))
                || !(hashed.get("hash") instanceof BitString received) || received.bitLength() != HASH_BITS) {
            return false;
        }
        return MessageDigest.isEqual(received.bytes(),
                hash((String) alias.value(), password, cryptoEPPwdHash.getLong("timeStamp")));
    }

    /** The h323-ID a cryptoEPPwdHash names as its sender (the generalID its hash covers), if its alias is one. */
    public static Optional<String> alias(SequenceValue cryptoEPPwdHash) {
        ChoiceValue alias = cryptoEPPwdHash.getChoice("alias");
        return "h323-ID".equals(alias.name()) ? Optional.of((String) alias.value()) : Optional.empty();
    }

    /** Whether the token's time stamp is within {@link #TIME_WINDOW_SECONDS} of {@code nowSeconds}: an old one is a replay. */
    public static boolean fresh(SequenceValue cryptoEPPwdHash, long nowSeconds) {
        return Math.abs(nowSeconds - cryptoEPPwdHash.getLong("timeStamp")) <= TIME_WINDOW_SECONDS;
    }

    /**
     * Checks the cryptoEPPwdHash of a received RAS message against the password: empty when the
     * message has none, else whether it verifies.
     */
    public static Optional<Boolean> verify(byte[] rasMessage, String password) {
        SequenceValue body = (SequenceValue) ((ChoiceValue) H225Asn.RAS_MESSAGE.decode(rasMessage)).value();
        return find((List<?>) body.find("cryptoTokens").orElse(List.of())).map(token -> verifies(token, password));
    }

    /** Adds {@code token} to the cryptoTokens of an encoded RAS message. */
    static byte[] addTo(byte[] rasMessage, ChoiceValue token) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(rasMessage);
        SequenceValue body = (SequenceValue) pdu.value();
        List<Object> tokens = new ArrayList<>((List<?>) body.find("cryptoTokens").orElse(List.of()));
        tokens.add(token);
        body.with("cryptoTokens", tokens);
        return H225Asn.RAS_MESSAGE.encode(pdu);
    }
}

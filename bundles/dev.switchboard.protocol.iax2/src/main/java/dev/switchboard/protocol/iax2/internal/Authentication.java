package dev.switchboard.protocol.iax2.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Answers to REGAUTH and AUTHREQ (RFC 5456 sections 6.2 and 8.6.15-17): MD5 of the challenge
 * followed by the secret, in lower-case hex, or the secret in clear when the server only offers
 * plaintext. RSA is not supported.
 */
final class Authentication {

    private Authentication() {
    }

    static String md5(String challenge, char[] secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(challenge.getBytes(StandardCharsets.UTF_8));
            byte[] secretBytes = new String(secret).getBytes(StandardCharsets.UTF_8);
            digest.update(secretBytes);
            java.util.Arrays.fill(secretBytes, (byte) 0);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }

    /**
     * Adds the answer to {@code challengeFrame}'s AUTHMETHODS/CHALLENGE to {@code answer}.
     *
     * @return empty when done, else why we cannot answer
     */
    static Optional<String> answer(InformationElements challengeFrame, char[] secret,
            InformationElements.Builder answer) {
        long methods = challengeFrame.number(InformationElement.AUTHMETHODS).orElse(0L);
        if ((methods & InformationElement.AUTH_MD5) != 0) {
            String challenge = challengeFrame.string(InformationElement.CHALLENGE).orElse("");
            answer.string(InformationElement.MD5_RESULT, md5(challenge, secret));
            return Optional.empty();
        }
        if ((methods & InformationElement.AUTH_PLAINTEXT) != 0) {
            answer.string(InformationElement.PASSWORD, new String(secret));
            return Optional.empty();
        }
        return Optional.of("the server asks for an authentication method we do not support (" + methods + ")");
    }
}

package dev.switchboard.protocol.sip.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One {@code WWW-Authenticate} or {@code Proxy-Authenticate} digest challenge.
 *
 * @param qopOptions the offered {@code qop} values, lower case; empty when the server offered none (RFC 2069 style)
 */
public record DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm,
        Set<String> qopOptions, boolean stale) {

    /** Splits a quoted {@code qop="auth,auth-int"} value. */
    public static Set<String> qopOptions(String qop) {
        if (qop == null || qop.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(qop.split(",")).map(String::strip).filter(value -> !value.isEmpty())
                .map(value -> value.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether we can answer it: qop must be absent or include "auth" (auth-int is not implemented). */
    public boolean answerable() {
        return qopOptions.isEmpty() || qopOptions.contains("auth");
    }
}

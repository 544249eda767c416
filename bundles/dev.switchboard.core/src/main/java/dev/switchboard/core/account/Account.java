package dev.switchboard.core.account;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One configured account of one protocol. Settings are protocol-specific key/value pairs
 * (for SIP e.g. {@code user}, {@code domain}, {@code registrar}); secrets are never part of an
 * account but live in secure storage, see {@link AccountRegistry#secret(String)}.
 *
 * @param id       unique, user-chosen, stable identifier ({@code [A-Za-z0-9._-]+})
 * @param protocol the protocol provider that serves it, e.g. {@code sip} or {@code xmpp}
 * @param settings protocol-specific settings, copied and kept in key order
 */
public record Account(String id, String protocol, Map<String, String> settings) {

    /** Setting naming what the user sees; optional for every protocol. */
    public static final String DISPLAY_NAME = "display";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PROTOCOL = Pattern.compile("[a-z][a-z0-9]{0,15}");

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("account id must be 1-64 of A-Z a-z 0-9 . _ -: " + id);
        }
        if (!PROTOCOL.matcher(protocol).matches()) {
            throw new IllegalArgumentException("protocol must be a lower-case name: " + protocol);
        }
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public String displayName() {
        return settings.getOrDefault(DISPLAY_NAME, id);
    }

    /** A copy with {@code changes} applied; an empty value removes the key. */
    public Account with(Map<String, String> changes) {
        Map<String, String> merged = new TreeMap<>(settings);
        changes.forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return new Account(id, protocol, merged);
    }
}

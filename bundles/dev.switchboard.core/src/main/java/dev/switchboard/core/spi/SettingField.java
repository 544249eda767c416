package dev.switchboard.core.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting of a protocol's accounts, described so that a front end can build the account form
 * without knowing the protocol. The value of a {@link Kind#SECRET} field is the account's password:
 * front ends hand it to {@code AccountRegistry.put(account, secret)} and never put it in the
 * account's settings.
 *
 * @param key          the settings key ({@link dev.switchboard.core.account.Account#settings()})
 * @param label        what the form shows next to the field, e.g. "SIP server"
 * @param kind         how the value is entered
 * @param required     whether an account is incomplete without it
 * @param defaultValue the value a new account starts with; empty for none
 * @param hint         an example or explanation shown in the empty field; may be empty
 * @param choices      the allowed values of a {@link Kind#CHOICE} field, empty for other kinds
 */
public record SettingField(String key, String label, Kind kind, boolean required, String defaultValue,
        String hint, List<String> choices) {

    /** How a value is entered and checked by the form (the provider's {@code validate} has the last word). */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** A whole number, e.g. a port. */
        NUMBER,
        /** {@code true} or {@code false}. */
        FLAG,
        /** One of {@link SettingField#choices()}. */
        CHOICE,
        /** The password; stored in secure storage, never in settings. */
        SECRET
    }

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public SettingField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(hint, "hint");
        choices = List.copyOf(choices);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("setting key must be 1-64 of A-Z a-z 0-9 . _ -: " + key);
        }
        if ((kind == Kind.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException(kind == Kind.CHOICE
                    ? "choice field " + key + " needs choices"
                    : kind + " field " + key + " takes no choices");
        }
    }

    /** A text field without default or choices. */
    public static SettingField text(String key, String label, boolean required, String hint) {
        return new SettingField(key, label, Kind.TEXT, required, "", hint, List.of());
    }

    /** The password field; the key names it in the form only, it is never a settings key. */
    public static SettingField secret(String key, String label, boolean required) {
        return new SettingField(key, label, Kind.SECRET, required, "", "", List.of());
    }
}

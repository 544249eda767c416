package dev.switchboard.ui.accounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;

/**
 * Turns what the user entered in the account form into an {@link Account} and its password, or
 * into the first problem as a sentence. The form shows the protocol's {@link SettingField}s; for a
 * provider that describes none it offers a password and free "key=value" lines. Free of SWT.
 */
public final class AccountForm {

    /** Shown for every protocol, first. */
    public static final SettingField DISPLAY_NAME = SettingField.text(Account.DISPLAY_NAME, "Display name", false,
            "How the account is shown, e.g. Work phone");
    /**
     * Shown for every protocol, last: whether the desktop and the agent register the account when they
     * start (on unless the account says {@code autoconnect=false}; see {@link ConnectAtStart}).
     */
    public static final SettingField CONNECT_AT_START = new SettingField(ConnectAtStart.SETTING, "Connect at start",
            SettingField.Kind.FLAG, false, "true", "", List.of());
    /** The password for providers that describe no fields. */
    public static final SettingField PASSWORD = SettingField.secret("password", "Password", false);

    private AccountForm() {
    }

    /** An account and its password (empty when none was entered: keep the stored one). */
    public record Entry(Account account, Optional<char[]> secret) {
    }

    /** The fields of the form for a provider's described fields, in order. */
    public static List<SettingField> fields(List<SettingField> described) {
        if (described.isEmpty()) {
            return List.of(DISPLAY_NAME, PASSWORD, CONNECT_AT_START);
        }
        List<SettingField> fields = new java.util.ArrayList<>();
        if (described.stream().noneMatch(field -> field.key().equals(Account.DISPLAY_NAME))) {
            fields.add(DISPLAY_NAME);
        }
        fields.addAll(described);
        if (described.stream().noneMatch(field -> field.key().equals(ConnectAtStart.SETTING))) {
            fields.add(CONNECT_AT_START);
        }
        return List.copyOf(fields);
    }

    /** Whether the form offers free "key=value" lines: only when the provider describes no fields. */
    public static boolean freeSettings(List<SettingField> described) {
        return described.isEmpty();
    }

    /**
     * @param values     the fields' texts by key (a flag's text is {@code true} or {@code false})
     * @param freeLines  "key=value" lines, used only when the provider describes no fields
     * @param existing   the account being edited, or empty for a new one: an edit keeps its id and
     *                   a blank password keeps the stored one
     */
    public static Result<Entry> read(String id, String protocol, List<SettingField> fields, Map<String, String> values,
            String freeLines, Optional<Account> existing) {
        if (id.isBlank()) {
            return Result.problem("Account name is required.");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        char[] secret = null;
        for (SettingField field : fields) {
            String value = values.getOrDefault(field.key(), "").strip();
            if (value.isEmpty()) {
                boolean keepsStoredSecret = field.kind() == SettingField.Kind.SECRET && existing.isPresent();
                if (field.required() && !keepsStoredSecret) {
                    return Result.problem(field.label() + " is required.");
                }
                continue;
            }
            switch (field.kind()) {
                case SECRET -> secret = value.toCharArray();
                case NUMBER -> {
                    if (!value.matches("[0-9]{1,9}")) {
                        return Result.problem(field.label() + " must be a whole number.");
                    }
                    settings.put(field.key(), value);
                }
                case CHOICE -> {
                    if (!field.choices().contains(value)) {
                        return Result.problem(field.label() + " must be one of " + String.join(", ", field.choices()) + ".");
                    }
                    settings.put(field.key(), value);
                }
                case TEXT, FLAG -> settings.put(field.key(), value);
            }
        }
        int number = 0;
        for (String line : freeLines.lines().toList()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                return Result.problem("Other settings, line " + number + ": write key=value.");
            }
            settings.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        try {
            return Result.of(new Entry(new Account(id.strip(), protocol, settings), Optional.ofNullable(secret)));
        } catch (IllegalArgumentException malformed) {
            return Result.problem(malformed.getMessage().startsWith("account id")
                    ? "Account name may only use letters, digits, dot, dash and underscore (at most 64)."
                    : malformed.getMessage());
        }
    }

    /** The "key=value" lines showing an existing account's settings that no field covers. */
    public static String freeLinesOf(Account account, List<SettingField> fields) {
        StringBuilder lines = new StringBuilder();
        account.settings().forEach((key, value) -> {
            if (fields.stream().noneMatch(field -> field.key().equals(key))) {
                lines.append(key).append('=').append(value).append('\n');
            }
        });
        return lines.toString();
    }

    /** A value or the sentence saying why there is none. */
    public record Result<T>(Optional<T> value, String problem) {

        static <T> Result<T> of(T value) {
            return new Result<>(Optional.of(value), "");
        }

        static <T> Result<T> problem(String problem) {
            return new Result<>(Optional.empty(), problem);
        }
    }
}

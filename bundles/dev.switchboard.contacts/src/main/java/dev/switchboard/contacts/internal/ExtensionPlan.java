package dev.switchboard.contacts.internal;

import java.util.Optional;

import dev.switchboard.core.account.Account;

/**
 * Which numbers are internal extensions: all digits, between {@code shortest} and {@code longest}
 * long. With a {@code prefix} (E.164 digits such as {@code +1555}) an extension is the number prefix +
 * extension; without one it stays an extension. Read from an account's settings
 * {@code extension.length} ("4" or "3-5") and {@code extension.prefix}.
 */
public record ExtensionPlan(int shortest, int longest, String prefix) {

    public static final ExtensionPlan NONE = new ExtensionPlan(0, 0, "");
    static final String LENGTH_SETTING = "extension.length";
    static final String PREFIX_SETTING = "extension.prefix";

    boolean isExtension(String digits) {
        return longest > 0 && digits.length() >= shortest && digits.length() <= longest;
    }

    static Optional<ExtensionPlan> of(Account account) {
        return account.setting(LENGTH_SETTING).map(length -> parse(length, account.setting(PREFIX_SETTING).orElse("")));
    }

    public static ExtensionPlan parse(String length, String prefix) {
        String text = length.strip();
        try {
            int dash = text.indexOf('-');
            int shortest = Integer.parseInt(dash < 0 ? text : text.substring(0, dash).strip());
            int longest = dash < 0 ? shortest : Integer.parseInt(text.substring(dash + 1).strip());
            if (shortest < 1 || longest < shortest || longest > 15) {
                throw new NumberFormatException();
            }
            String cleanPrefix = prefix.strip();
            if (!cleanPrefix.isEmpty() && !cleanPrefix.matches("\\+[0-9]{1,14}")) {
                throw new IllegalArgumentException("extension.prefix must be + and digits, not '" + prefix + "'");
            }
            return new ExtensionPlan(shortest, longest, cleanPrefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("extension.length must be a length such as 4 or 3-5, not '" + length + "'");
        }
    }
}

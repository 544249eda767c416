package dev.switchboard.ui.dialpad;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the user types or pastes into the address field, made dialable. A telephone number loses
 * the spaces, dashes, dots, slashes and brackets people write it with ("+44 (20) 7946-0018" →
 * "+442079460018"); {@code +} at the start, {@code *} and {@code #} stay, because
 * service codes need them. Anything with a scheme ({@code sip:}, {@code tel:}, ...) or an {@code @}
 * is an address and is only trimmed. Free of SWT so that it can be tested on its own.
 */
public final class AddressInput {

    /** A scheme such as {@code sip:}, {@code sips:}, {@code tel:}, {@code xmpp:}. */
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Pattern USER_AT_HOST = Pattern.compile("[^\\s@:]+@[^\\s@]+");
    /** A user name on the account's own server, e.g. "alice" or "reception.desk". */
    private static final Pattern BARE_USER = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9*#]+");
    /** What people put into written numbers for readability. */
    private static final Pattern NUMBER_DECORATION = Pattern.compile("[\\s\\-./()\\[\\]\\u00A0\\u2010-\\u2015]");
    private static final Pattern LOOKS_LIKE_NUMBER = Pattern.compile("[+0-9*#\\s\\-./()\\[\\]\\u00A0\\u2010-\\u2015]+");

    private AddressInput() {
    }

    /** The dialable form of {@code text}; text that is neither a number nor an address is only trimmed. */
    public static String normalise(String text) {
        String trimmed = text.strip();
        return LOOKS_LIKE_NUMBER.matcher(trimmed).matches()
                ? NUMBER_DECORATION.matcher(trimmed).replaceAll("")
                : trimmed;
    }

    /**
     * Why {@code address} (already normalised) cannot be dialled, as a sentence for the user; empty
     * when it can.
     */
    public static Optional<String> problem(String address) {
        if (address.isBlank()) {
            return Optional.of("Type a number or address to call.");
        }
        if (NUMBER.matcher(address).matches() || URI.matcher(address).matches()
                || USER_AT_HOST.matcher(address).matches() || BARE_USER.matcher(address).matches()) {
            return Optional.empty();
        }
        if (address.indexOf('+') > 0 && LOOKS_LIKE_NUMBER.matcher(address).matches()) {
            return Optional.of("\u201C" + address + "\u201D is not a number: + may only come first.");
        }
        return Optional.of("\u201C" + address + "\u201D is not a number or address.");
    }
}

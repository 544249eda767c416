package dev.switchboard.protocol.sip.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * DTMF carried in SIP INFO: {@code application/dtmf-relay} bodies ({@code Signal=5\r\nDuration=160}) and the
 * simpler {@code application/dtmf} (the key alone). Keys are 0-9 * # A-D; hook flash is {@code !} or event code 16
 * (as SIP INFO senders write it), reported as {@code '!'}.
 */
final class DtmfRelay {

    static final char FLASH = '!';
    private static final String KEYS = "0123456789*#ABCD";

    private DtmfRelay() {
    }

    /** The key an INFO body carries, if it is one of ours. */
    static Optional<Character> parse(String contentSubtype, String body) {
        String subtype = contentSubtype == null ? "" : contentSubtype.toLowerCase(Locale.ROOT);
        String signal = null;
        if (subtype.equals("dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(0, equals).strip().equalsIgnoreCase("Signal")) {
                    signal = line.substring(equals + 1).strip();
                }
            }
        } else if (subtype.equals("dtmf")) {
            signal = body.strip();
        }
        if (signal == null || signal.isEmpty()) {
            return Optional.empty();
        }
        return key(signal);
    }

    private static Optional<Character> key(String signal) {
        String upper = signal.toUpperCase(Locale.ROOT);
        if (upper.equals("!") || upper.equals("16") || upper.equals("HF")) {
            return Optional.of(FLASH);
        }
        if (upper.length() == 1 && KEYS.indexOf(upper.charAt(0)) >= 0) {
            return Optional.of(upper.charAt(0));
        }
        // event codes 10-15 as numbers (some senders write * as 10)
        try {
            int code = Integer.parseInt(upper);
            if (code >= 10 && code <= 15) {
                return Optional.of(KEYS.charAt(code));
            }
        } catch (NumberFormatException e) {
            // not a key
        }
        return Optional.empty();
    }

    /** The body we send for one key (or {@link #FLASH}). */
    static String body(char key, long durationMillis) {
        return "Signal=" + key + "\r\nDuration=" + durationMillis + "\r\n";
    }
}

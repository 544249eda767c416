package dev.switchboard.protocol.sip.internal;

import java.util.Locale;
import java.util.Optional;

import javax.sip.header.Header;
import javax.sip.message.Message;

/**
 * Session timer values of RFC 4028: the Session-Expires interval and who refreshes, as one side requested or the
 * other agreed. Reading is lenient about the peer's interval (an interval below our Min-SE is still honoured when the
 * peer imposes it in a 2xx, since refusing would only end the call); we never ask for less than {@link #MIN_SE}.
 *
 * @param seconds   the session interval
 * @param refresher {@code "uac"}, {@code "uas"} or empty when the sender left the choice to the other side
 */
record SessionTimer(int seconds, String refresher) {

    /** What we ask for: half an hour, the RFC's recommended default. */
    static final int DEFAULT_INTERVAL = 1800;
    /** The smallest interval we accept in a request (RFC 4028 section 4: at least 90 s). */
    static final int MIN_SE = 90;

    static final String SESSION_EXPIRES = "Session-Expires";
    static final String MIN_SE_HEADER = "Min-SE";

    /** A status code of its own (RFC 4028 section 6), not in jain-sip's Response constants. */
    static final int SESSION_INTERVAL_TOO_SMALL = 422;

    /** The Session-Expires of a message (long or compact form {@code x}), if it has a valid one. */
    static Optional<SessionTimer> of(Message message) {
        return value(message, SESSION_EXPIRES, "x").flatMap(SessionTimer::parse);
    }

    /** The Min-SE of a message, if present and numeric. */
    static Optional<Integer> minimumOf(Message message) {
        return value(message, MIN_SE_HEADER, null).map(text -> text.split(";")[0].strip()).flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Reads {@code 1800;refresher=uac}; anything unreadable is treated as absent. */
    static Optional<SessionTimer> parse(String value) {
        String[] parts = value.split(";");
        int seconds;
        try {
            seconds = Integer.parseInt(parts[0].strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (seconds <= 0) {
            return Optional.empty();
        }
        String refresher = "";
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("refresher=")) {
                refresher = parameter.substring("refresher=".length()).strip();
            }
        }
        if (!refresher.isEmpty() && !refresher.equals("uac") && !refresher.equals("uas")) {
            refresher = "";
        }
        return Optional.of(new SessionTimer(seconds, refresher));
    }

    /** The header value. */
    String headerValue() {
        return seconds + (refresher.isEmpty() ? "" : ";refresher=" + refresher);
    }

    /** When the refresher sends its refresh: half the interval (RFC 4028 section 10). */
    long refreshAfterMillis() {
        return seconds * 1000L / 2;
    }

    /**
     * When the side that does not refresh gives up and sends BYE: the interval minus the smaller of 32 s and a third of
     * it (RFC 4028 section 10).
     */
    long expiryAfterMillis() {
        return seconds * 1000L - Math.min(32_000L, seconds * 1000L / 3);
    }

    /** Whether a message says the UA sent it supports (or requires) an option tag such as {@code timer}. */
    static boolean supports(Message message, String optionTag) {
        for (String name : new String[] { "Supported", "k", "Require" }) {
            var headers = message.getHeaders(name);
            while (headers != null && headers.hasNext()) {
                String text = text((Header) headers.next());
                for (String tag : text.split(",")) {
                    if (tag.strip().equalsIgnoreCase(optionTag)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Optional<String> value(Message message, String name, String compact) {
        Header header = message.getHeader(name);
        if (header == null && compact != null) {
            header = message.getHeader(compact);
        }
        return header == null ? Optional.empty() : Optional.of(text(header));
    }

    /** A header's value as written: whatever follows the first colon of its text. */
    static String text(Header header) {
        String line = header.toString().strip();
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(colon + 1).strip();
    }
}

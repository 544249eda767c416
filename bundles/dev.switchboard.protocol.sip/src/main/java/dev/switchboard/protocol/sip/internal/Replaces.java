package dev.switchboard.protocol.sip.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The dialog a Replaces header names (RFC 3891 section 6.1): its Call-ID and tags. The tags are seen from the UA that
 * receives the INVITE carrying the header: {@code to-tag} is that UA's own tag in the dialog, {@code from-tag} its
 * peer's. In an attended transfer the transferor sends it inside the Refer-To URI ({@code ?Replaces=...}, escaped as a
 * URI header, RFC 3515 section 2.1) and the transferee copies it into its INVITE.
 *
 * @param earlyOnly the {@code early-only} flag: only an early dialog may be replaced
 */
record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {

    Replaces {
        if (callId.isBlank() || toTag.isBlank() || fromTag.isBlank()) {
            throw new IllegalArgumentException("Replaces needs a Call-ID, a to-tag and a from-tag");
        }
    }

    /**
     * Reads a Replaces header value, e.g. {@code 98732@host;to-tag=r33th4x0r;from-tag=ff87ff}.
     *
     * @throws IllegalArgumentException if the Call-ID or a tag is missing
     */
    static Replaces parse(String value) {
        String[] parts = value.strip().split(";");
        String toTag = "";
        String fromTag = "";
        boolean earlyOnly = false;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String parameterValue = equals < 0 ? "" : parameter.substring(equals + 1).strip();
            switch (name) {
                case "to-tag" -> toTag = parameterValue;
                case "from-tag" -> fromTag = parameterValue;
                case "early-only" -> earlyOnly = true;
                default -> {
                    // extension parameters do not name the dialog
                }
            }
        }
        return new Replaces(parts[0].strip(), toTag, fromTag, earlyOnly);
    }

    /**
     * The Replaces carried as a header of a Refer-To URI, if any: {@code <sip:carol@host?Replaces=...>}.
     *
     * @throws IllegalArgumentException if it is there but malformed
     */
    static Optional<Replaces> fromReferTo(String referTo) {
        int query = referTo.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        int end = referTo.indexOf('>', query);
        String headers = referTo.substring(query + 1, end < 0 ? referTo.length() : end);
        for (String header : headers.split("&")) {
            int equals = header.indexOf('=');
            if (equals > 0 && header.substring(0, equals).strip().equalsIgnoreCase("Replaces")) {
                return Optional.of(parse(unescape(header.substring(equals + 1))));
            }
        }
        return Optional.empty();
    }

    /** The Refer-To URI without its headers: where the transferee sends its INVITE. */
    static String targetOf(String referToUri) {
        int query = referToUri.indexOf('?');
        return query < 0 ? referToUri : referToUri.substring(0, query);
    }

    /** The header value, as the INVITE carries it. */
    String headerValue() {
        return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag + (earlyOnly ? ";early-only" : "");
    }

    /** The header escaped for a URI's {@code ?Replaces=} part (RFC 3261 section 25.1 hvalue: no ; = @ ? & raw). */
    String uriHeader() {
        StringBuilder escaped = new StringBuilder("Replaces=");
        for (byte b : headerValue().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.!~*'()".indexOf(c) >= 0;
            if (unreserved) {
                escaped.append(c);
            } else {
                escaped.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return escaped.toString();
    }

    /** Whether this names the dialog with the given Call-ID, our tag and the peer's tag. */
    boolean names(String dialogCallId, String localTag, String remoteTag) {
        return callId.equals(dialogCallId) && toTag.equals(localTag) && fromTag.equals(remoteTag);
    }

    /** %XX sequences decoded; anything else kept as it is ('+' is not a blank in SIP URIs). */
    private static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int value = Integer.parseInt(text.substring(i + 1, i + 3), 16);
                bytes.write(value);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

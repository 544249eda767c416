package dev.switchboard.testing.peers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough JSON for baresip's flat control messages: quoting, and reading a top-level field. */
final class Json {
    private Json() {
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    static boolean isTrue(String json, String field) {
        return Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*true").matcher(json).find();
    }

    /** The string value of {@code field}, unescaped, or null when absent or not a string. */
    static String string(String json, String field) {
        Matcher start = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"").matcher(json);
        if (!start.find()) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        for (int i = start.end(); i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> value.append(escaped);
            }
        }
        return null;
    }
}

package dev.switchboard.protocol.sip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The RFC 3261 rules jain-sip's lenient parser lets through, checked on a request's raw text so that a malformed
 * request is answered 400 instead of being half understood: the Request-Line's exact form (single spaces, version
 * {@code SIP/2.0}, a sip/sips/tel URI without escaped headers), the mandatory header fields, single-valued fields
 * appearing once, name-addr forms (no blanks inside {@code <>}, unquoted display names made of tokens, escaped
 * headers only inside {@code <>}), and a GMT Date (section 20.17).
 */
final class StrictRequestCheck {

    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Za-z0-9!%*_+`'~.\\-]+ [^ \\t]+ SIP/2\\.0");
    private static final Pattern REQUEST_URI = Pattern.compile("(?i)(sips?|tel):[^\\s?<>]+");
    private static final Pattern ADDR_SPEC = Pattern.compile("(?i)(sips?|tel):[^\\s<>?]+(;[^<>]*)?");
    private static final Pattern TOKEN_DISPLAY_NAME = Pattern.compile("[A-Za-z0-9\\-.!%*_+`'~ \\t]*");
    private static final Map<String, String> COMPACT = Map.of("t", "to", "f", "from", "i", "call-id", "m", "contact",
            "v", "via", "l", "content-length", "c", "content-type");
    private static final List<String> REQUIRED = List.of("to", "from", "call-id", "cseq", "via");
    private static final List<String> SINGLE = List.of("to", "from", "call-id", "cseq", "content-length",
            "max-forwards", "content-type", "expires");

    private StrictRequestCheck() {
    }

    /** What is wrong with a request, or empty when these checks find nothing (responses are not checked). */
    static Optional<String> problem(String message) {
        int end = message.indexOf("\r\n\r\n");
        String head = end >= 0 ? message.substring(0, end) : message;
        List<String> lines = unfold(head);
        if (lines.isEmpty() || lines.get(0).startsWith("SIP/")) {
            return Optional.empty();
        }
        String requestLine = lines.get(0);
        if (!REQUEST_LINE.matcher(requestLine).matches()) {
            return Optional.of("malformed Request-Line");
        }
        String uri = requestLine.split(" ")[1];
        if (!REQUEST_URI.matcher(uri).matches()) {
            return Optional.of(uri.contains("?") ? "escaped headers in the Request-URI" : "unsupported Request-URI");
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return Optional.of("malformed header line");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            name = COMPACT.getOrDefault(name, name);
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        for (String required : REQUIRED) {
            if (!headers.containsKey(required)) {
                return Optional.of("missing " + required + " header");
            }
        }
        for (String single : SINGLE) {
            if (headers.getOrDefault(single, List.of()).size() > 1) {
                return Optional.of("more than one " + single + " header");
            }
        }
        for (String name : List.of("to", "from")) {
            Optional<String> problem = nameAddrProblem(headers.get(name).get(0));
            if (problem.isPresent()) {
                return Optional.of(name + ": " + problem.get());
            }
        }
        if (requestLine.startsWith("ACK ") && (!headers.get("to").get(0).matches("(?i).*;\\s*tag\\s*=.*")
                || !headers.get("via").get(0).matches("(?i).*;\\s*branch\\s*=.*"))) {
            // an ACK answers a response that carried our To tag, within a transaction named by its branch; without
            // either it matches nothing (and jain-sip's ACK matching fails on a missing branch)
            return Optional.of("ACK without To tag or Via branch");
        }
        for (String contact : headers.getOrDefault("contact", List.of())) {
            if (!contact.equals("*") && !contact.contains("<") && !contact.contains(",")
                    && !ADDR_SPEC.matcher(contact).matches()) {
                return Optional.of("contact is neither <uri> nor a plain sip/sips/tel URI");
            }
        }
        for (String date : headers.getOrDefault("date", List.of())) {
            if (!date.endsWith("GMT")) {
                return Optional.of("date not in GMT");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameAddrProblem(String value) {
        int open = value.indexOf('<');
        if (open < 0) {
            return ADDR_SPEC.matcher(value).matches() ? Optional.empty() : Optional.of("malformed address");
        }
        int close = value.indexOf('>', open);
        if (close < 0) {
            return Optional.of("unclosed <");
        }
        String inside = value.substring(open + 1, close);
        if (inside.isEmpty() || Character.isWhitespace(inside.charAt(0))
                || Character.isWhitespace(inside.charAt(inside.length() - 1))) {
            return Optional.of("blanks inside <>");
        }
        String display = value.substring(0, open).strip();
        if (!display.startsWith("\"") && !TOKEN_DISPLAY_NAME.matcher(display).matches()) {
            return Optional.of("unquoted display name with non-token characters");
        }
        return Optional.empty();
    }

    /** Header lines with continuation lines (starting with a blank or tab) joined to the line before. */
    private static List<String> unfold(String head) {
        List<String> lines = new ArrayList<>();
        for (String line : head.split("\r\n", -1)) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.strip());
            } else if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}

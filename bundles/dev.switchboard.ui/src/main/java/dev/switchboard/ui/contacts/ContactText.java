package dev.switchboard.ui.contacts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;

/** The words of the contacts view, free of SWT so that they can be tested on their own. */
public final class ContactText {

    private ContactText() {
    }

    public static String kind(AddressKind kind) {
        return switch (kind) {
            case TEL -> "Phone";
            case SIP -> "SIP";
            case XMPP -> "Chat";
            case IAX2 -> "IAX2";
            case H323 -> "H.323";
            case EMAIL -> "Email";
        };
    }

    /** "Phone (work)" or "SIP". */
    public static String addressTitle(ContactAddress address) {
        return kind(address.kind()) + (address.label().isBlank() ? "" : " (" + address.label() + ")");
    }

    /**
     * The line under the list: how many were found and which sources could not answer, e.g.
     * "12 contacts · Company directory did not answer in time".
     */
    public static String summary(MergedSearch search) {
        int count = search.contacts().size();
        StringBuilder text = new StringBuilder(count == 0 ? (search.query().isBlank() ? "" : "No contacts found")
                : count == 1 ? "1 contact" : count + " contacts");
        for (SourceStatus source : search.sources()) {
            switch (source.state()) {
                case ANSWERED -> {
                }
                case TIMED_OUT -> text.append("  \u00B7  ").append(source.name()).append(" did not answer in time");
                case UNAVAILABLE -> text.append("  \u00B7  ").append(source.name()).append(" unavailable")
                        .append(source.reason().isBlank() ? "" : ": " + source.reason());
            }
        }
        return text.toString();
    }

    /** "Address book, directory" for the sources a merged contact came from. */
    public static String sources(List<String> sourceIds, List<SourceStatus> known) {
        return sourceIds.stream()
                .map(id -> known.stream().filter(source -> source.sourceId().equals(id)).findFirst()
                        .map(SourceStatus::name).orElse(id))
                .collect(Collectors.joining(", "));
    }

    /**
     * Reads an address the user typed in the contact form: a scheme names the kind ({@code sip:},
     * {@code xmpp:}, {@code iax2:}, {@code h323:}, {@code mailto:}, {@code tel:}); without one, digits
     * (with {@code + * #} and separators) are a phone number and anything else is taken as the kind
     * chosen in the form.
     *
     * @return empty when the text is blank
     */
    public static Optional<ContactAddress> parseAddress(String text, AddressKind chosen, String label) {
        String value = text.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        AddressKind kind = chosen;
        if (lower.startsWith("sip:") || lower.startsWith("sips:")) {
            kind = AddressKind.SIP;
        } else if (lower.startsWith("xmpp:")) {
            kind = AddressKind.XMPP;
            value = value.substring(5);
        } else if (lower.startsWith("iax2:")) {
            kind = AddressKind.IAX2;
        } else if (lower.startsWith("h323:")) {
            kind = AddressKind.H323;
        } else if (lower.startsWith("mailto:")) {
            kind = AddressKind.EMAIL;
            value = value.substring(7);
        } else if (lower.startsWith("tel:")) {
            kind = AddressKind.TEL;
            value = value.substring(4);
        } else if (value.matches("[+]?[0-9*#][0-9*#().\\-/ ]*")) {
            kind = AddressKind.TEL;
        }
        return Optional.of(new ContactAddress(kind, value, label.strip()));
    }

    /** "Imported 12 contacts." or "Imported 3 contacts; 1 left out: line 7: no END:VCARD". */
    public static String imported(int count, List<?> problems) {
        String done = "Imported " + count + (count == 1 ? " contact" : " contacts");
        if (problems.isEmpty()) {
            return done + ".";
        }
        return done + "; " + problems.size() + " left out: "
                + problems.stream().map(Object::toString).collect(Collectors.joining("; "));
    }
}

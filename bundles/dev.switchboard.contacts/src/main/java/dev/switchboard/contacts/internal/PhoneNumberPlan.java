package dev.switchboard.contacts.internal;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;

/** Address keys with libphonenumber for numbers; a pure function of the region and extension plan. */
public final class PhoneNumberPlan implements NumberPlan {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String[] SCHEMES = {"tel:", "sip:", "sips:", "xmpp:", "iax2:", "iax:", "h323:", "mailto:"};

    private final String region;
    private final ExtensionPlan extensions;

    public PhoneNumberPlan(String region, ExtensionPlan extensions) {
        this.region = region.toUpperCase(Locale.ROOT);
        this.extensions = extensions;
        if (!PHONES.getSupportedRegions().contains(this.region)) {
            throw new IllegalArgumentException("unknown region '" + region + "': use an ISO 3166 code such as US or DE");
        }
    }

    @Override
    public String defaultRegion() {
        return region;
    }

    ExtensionPlan extensions() {
        return extensions;
    }

    /** Two plans are equal when they give every address the same key. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneNumberPlan plan && plan.region.equals(region) && plan.extensions.equals(extensions);
    }

    @Override
    public int hashCode() {
        return region.hashCode() * 31 + extensions.hashCode();
    }

    /** This plan never changes: {@link ConfiguredNumberPlan} replaces it when the settings change. */
    @Override
    public long revision() {
        return 0;
    }

    @Override
    public void addChangeListener(Runnable listener) {
        // never changes, so never tells
    }

    @Override
    public void removeChangeListener(Runnable listener) {
        // never changes, so never tells
    }

    @Override
    public String key(ContactAddress address) {
        return address.kind() == AddressKind.TEL ? numberKey(stripScheme(address.value())) : key(address.value());
    }

    @Override
    public String key(String address) {
        String text = address.strip();
        if (text.isEmpty()) {
            return "";
        }
        if (text.regionMatches(true, 0, "tel:", 0, 4) || looksLikeNumber(text)) {
            return numberKey(stripScheme(text));
        }
        String user = numericUser(text);
        if (user != null) {
            return numberKey(user);
        }
        return "addr:" + handle(text);
    }

    @Override
    public String lookupText(String address) {
        String text = address.strip();
        if (text.regionMatches(true, 0, "tel:", 0, 4) || looksLikeNumber(text)) {
            String number = stripScheme(text);
            String digits = digits(number);
            if (!number.strip().startsWith("+") && extensions.isExtension(digits)) {
                return digits;
            }
            PhoneNumber parsed = parse(number);
            return parsed == null ? digits : PHONES.getNationalSignificantNumber(parsed);
        }
        String user = numericUser(text);
        if (user != null) {
            return lookupText(user);
        }
        return handle(text);
    }

    private String numberKey(String number) {
        String digits = digits(number);
        if (digits.isEmpty()) {
            return "";
        }
        boolean international = number.strip().startsWith("+");
        if (!international && extensions.isExtension(digits)) {
            if (extensions.prefix().isEmpty()) {
                return "ext:" + digits;
            }
            return "tel:" + extensions.prefix() + digits;
        }
        PhoneNumber parsed = parse(number);
        if (parsed == null) {
            return "tel:" + (international ? "+" : "") + digits;
        }
        return "tel:" + PHONES.format(parsed, PhoneNumberFormat.E164);
    }

    private PhoneNumber parse(String number) {
        try {
            PhoneNumber parsed = PHONES.parse(number, region);
            return PHONES.isPossibleNumber(parsed) ? parsed : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The user part of a SIP (or IAX2/H.323) URI when it is a phone number, as in a call from a gateway:
     * {@code sip:+15550102@host;user=phone} is the number +15550102. XMPP and mail addresses never are.
     */
    private static String numericUser(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("iax2:")
                || lower.startsWith("h323:"))) {
            return null;
        }
        String value = stripScheme(text);
        int at = value.indexOf('@');
        if (at <= 0) {
            return null;
        }
        String user = value.substring(0, at);
        int parameters = user.indexOf(';');
        if (parameters >= 0) {
            user = user.substring(0, parameters);
        }
        return looksLikeNumber(user) ? user : null;
    }

    /** Only separators people write between digits: a letter or '@' means it is not a number. */
    private static boolean looksLikeNumber(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (" +-().\u00a0/".indexOf(c) < 0) {
                return false;
            }
        }
        return digit;
    }

    private static String digits(String number) {
        StringBuilder digits = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static String stripScheme(String text) {
        String value = text.strip();
        for (String scheme : SCHEMES) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(scheme.length());
            }
        }
        return value;
    }

    /** user@host without scheme, URI parameters or XMPP resource, lower case. */
    private static String handle(String text) {
        String value = stripScheme(text);
        int parameters = value.indexOf(';');
        if (parameters >= 0) {
            value = value.substring(0, parameters);
        }
        int at = value.indexOf('@');
        int slash = value.indexOf('/', Math.max(at, 0));
        if (at >= 0 && slash > at) {
            value = value.substring(0, slash);
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }
}

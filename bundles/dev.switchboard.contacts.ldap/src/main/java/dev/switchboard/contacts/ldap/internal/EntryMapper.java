package dev.switchboard.contacts.ldap.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.unboundid.ldap.sdk.SearchResultEntry;

import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;

/** Turns a directory entry into a contact through the configured attribute mapping. */
final class EntryMapper {

    private final String sourceId;
    private final Map<String, String> attributes;

    EntryMapper(LdapDirectoryConfig config) {
        this.sourceId = config.id();
        this.attributes = config.attributes();
    }

    /** Only the mapped attributes are asked for, so entries with photos or certificates stay small. */
    String[] requestedAttributes() {
        Set<String> requested = new LinkedHashSet<>();
        attributes.values().stream().filter(attribute -> !attribute.isEmpty()).forEach(requested::add);
        return requested.toArray(String[]::new);
    }

    Contact contact(SearchResultEntry entry) {
        String displayName = first(entry, "name");
        if (displayName.isEmpty()) {
            displayName = (first(entry, "givenName") + " " + first(entry, "surname")).strip();
        }
        if (displayName.isEmpty()) {
            displayName = first(entry, "mail");
        }
        if (displayName.isEmpty()) {
            displayName = entry.getDN();
        }
        List<String> organisation = new ArrayList<>();
        for (String field : List.of("title", "department", "organisation")) {
            String value = first(entry, field);
            if (!value.isEmpty()) {
                organisation.add(value);
            }
        }
        List<ContactAddress> addresses = new ArrayList<>();
        values(entry, "telephone").forEach(number -> addresses.add(new ContactAddress(AddressKind.TEL, number, "work")));
        values(entry, "mobile").forEach(number -> addresses.add(new ContactAddress(AddressKind.TEL, number, "mobile")));
        for (String value : values(entry, "ipPhone")) {
            // Active Directory's ipPhone holds either an extension or a SIP address
            addresses.add(value.contains("@") || value.regionMatches(true, 0, "sip:", 0, 4)
                    ? new ContactAddress(AddressKind.SIP, value, "ip phone")
                    : new ContactAddress(AddressKind.TEL, value, "ip phone"));
        }
        values(entry, "sip").forEach(value -> addresses.add(new ContactAddress(AddressKind.SIP, value, "work")));
        values(entry, "xmpp").forEach(value -> addresses.add(new ContactAddress(AddressKind.XMPP, value, "work")));
        values(entry, "mail").forEach(value -> addresses.add(new ContactAddress(AddressKind.EMAIL, value, "work")));
        return new Contact(sourceId, entry.getDN(), displayName, String.join(", ", organisation), addresses);
    }

    private String first(SearchResultEntry entry, String field) {
        List<String> values = values(entry, field);
        return values.isEmpty() ? "" : values.getFirst();
    }

    private List<String> values(SearchResultEntry entry, String field) {
        String attribute = attributes.get(field);
        if (attribute == null || attribute.isEmpty()) {
            return List.of();
        }
        String[] values = entry.getAttributeValues(attribute);
        if (values == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        for (String value : values) {
            if (!value.isBlank()) {
                list.add(value.strip());
            }
        }
        return list;
    }
}

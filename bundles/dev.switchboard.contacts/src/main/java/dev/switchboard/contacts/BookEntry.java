package dev.switchboard.contacts;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;

/**
 * A contact of the local address book.
 *
 * @param id           assigned by the book; empty for an entry not yet added
 * @param organisation empty when unknown
 * @param addresses    in the user's order; numbers (TEL) carry their type as the label
 * @param notes        free text, empty when none
 * @param groups       names of the groups the contact belongs to, sorted
 * @param favourite    shown first and offered for speed dial
 */
public record BookEntry(String id, String displayName, String organisation, List<ContactAddress> addresses,
        String notes, Set<String> groups, boolean favourite) {

    public BookEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(notes, "notes");
        addresses = List.copyOf(addresses);
        groups = java.util.Collections.unmodifiableSet(new TreeSet<>(groups));
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("a contact needs a name");
        }
    }

    /** A new entry (no id yet) with just a name and addresses. */
    public static BookEntry of(String displayName, List<ContactAddress> addresses) {
        return new BookEntry("", displayName, "", addresses, "", Set.of(), false);
    }

    public BookEntry withId(String newId) {
        return new BookEntry(newId, displayName, organisation, addresses, notes, groups, favourite);
    }

    /** The entry as the contact source SPI sees it. */
    public Contact asContact(String sourceId) {
        return new Contact(sourceId, id, displayName, organisation, addresses);
    }
}

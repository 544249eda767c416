package dev.switchboard.contacts;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.PostalAddress;

/**
 * A contact of the local address book.
 *
 * @param id              assigned by the book; empty for an entry not yet added
 * @param organisation    empty when unknown
 * @param addresses       in the user's order; numbers (TEL) carry their type as the label
 * @param notes           free text, empty when none
 * @param groups          names of the groups the contact belongs to, sorted
 * @param favourite       shown first and offered for speed dial
 * @param postalAddresses postal addresses in the user's order (since 1.1)
 * @param birthday        as {@link Contact#birthday()}: {@code YYYY-MM-DD}, {@code --MM-DD} or empty (since 1.1)
 * @param photo           as {@link Contact#photo()}: a URI, {@code data:} for an inline picture, or empty
 *                        (since 1.1)
 */
public record BookEntry(String id, String displayName, String organisation, List<ContactAddress> addresses,
        String notes, Set<String> groups, boolean favourite, List<PostalAddress> postalAddresses, String birthday,
        String photo) {

    public BookEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(birthday, "birthday");
        Objects.requireNonNull(photo, "photo");
        addresses = List.copyOf(addresses);
        groups = Collections.unmodifiableSet(new TreeSet<>(groups));
        postalAddresses = List.copyOf(postalAddresses);
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("a contact needs a name");
        }
        Contact.checkBirthday(birthday);
    }

    /** An entry without postal address, birthday or photo. */
    public BookEntry(String id, String displayName, String organisation, List<ContactAddress> addresses, String notes,
            Set<String> groups, boolean favourite) {
        this(id, displayName, organisation, addresses, notes, groups, favourite, List.of(), "", "");
    }

    /** A new entry (no id yet) with just a name and addresses. */
    public static BookEntry of(String displayName, List<ContactAddress> addresses) {
        return new BookEntry("", displayName, "", addresses, "", Set.of(), false);
    }

    public BookEntry withId(String newId) {
        return new BookEntry(newId, displayName, organisation, addresses, notes, groups, favourite, postalAddresses,
                birthday, photo);
    }

    /** The same entry in the given groups (since 1.1). */
    public BookEntry withGroups(Set<String> newGroups) {
        return new BookEntry(id, displayName, organisation, addresses, notes, newGroups, favourite, postalAddresses,
                birthday, photo);
    }

    /** The entry as the contact source SPI sees it. */
    public Contact asContact(String sourceId) {
        return new Contact(sourceId, id, displayName, organisation, addresses, groups, postalAddresses, birthday, photo);
    }
}

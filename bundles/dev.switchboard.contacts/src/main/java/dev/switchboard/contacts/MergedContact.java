package dev.switchboard.contacts;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.presence.Presence;

/**
 * One person as the merged view shows them: the contacts of every source that share a normalised
 * number or address, joined.
 *
 * @param displayName  from the most trusted source (local book, then directory, roster, history)
 * @param organisation the first non-empty one in that order
 * @param addresses    every source's addresses, each normalised address once per kind (a JID equal to a mail
 *                     address is kept beside it)
 * @param contacts     the joined contacts, most trusted source first
 * @param presence     the most available presence any protocol reports for any of its addresses
 * @param favourite    a favourite in the local book
 * @param groups       every group any of the joined contacts is in, sorted (since 1.1)
 */
public record MergedContact(String displayName, String organisation, List<ContactAddress> addresses,
        List<Contact> contacts, Presence presence, boolean favourite, Set<String> groups) {

    public MergedContact {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(presence, "presence");
        addresses = List.copyOf(addresses);
        contacts = List.copyOf(contacts);
        groups = Collections.unmodifiableSet(new TreeSet<>(groups));
    }

    /** A merged contact in the groups its contacts are in. */
    public MergedContact(String displayName, String organisation, List<ContactAddress> addresses,
            List<Contact> contacts, Presence presence, boolean favourite) {
        this(displayName, organisation, addresses, contacts, presence, favourite,
                contacts.stream().flatMap(contact -> contact.groups().stream()).collect(Collectors.toSet()));
    }

    /** The ids of the sources it came from, most trusted first. */
    public List<String> sourceIds() {
        return contacts.stream().map(Contact::sourceId).distinct().toList();
    }
}

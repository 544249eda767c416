package dev.switchboard.core.presence;

import java.util.Objects;
import java.util.Set;

/**
 * One contact on an account's server-side contact list.
 *
 * @param address      the contact's address, e.g. a bare JID
 * @param name         the name the user gave it; empty when none
 * @param groups       the user's groups for it, sorted
 * @param subscription whose presence is shared
 * @param askPending   our own request to see the contact's presence is still unanswered
 * @param presence     the contact's last known presence ({@link Presence#OFFLINE} when unknown)
 * @since 1.1
 */
public record RosterEntry(String address, String name, Set<String> groups, Subscription subscription,
        boolean askPending, Presence presence) {
    public RosterEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        groups = Set.copyOf(new java.util.TreeSet<>(groups));
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(presence, "presence");
    }
}

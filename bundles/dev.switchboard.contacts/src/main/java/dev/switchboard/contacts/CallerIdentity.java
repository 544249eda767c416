package dev.switchboard.contacts;

import java.util.Objects;

/**
 * Who an incoming number or address belongs to.
 *
 * @param address    what was looked up, as given
 * @param contact    the best contact
 * @param sourceKind the kind of source that knew it (local, directory, roster, history)
 */
public record CallerIdentity(String address, MergedContact contact, String sourceKind) {

    public CallerIdentity {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(sourceKind, "sourceKind");
    }
}

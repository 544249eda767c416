package dev.switchboard.core.contacts;

import java.util.List;
import java.util.Objects;

/**
 * A person or place with any number of addresses.
 *
 * @param sourceId     the {@link ContactSource} it came from
 * @param id           stable within its source
 * @param organisation empty when unknown
 */
public record Contact(String sourceId, String id, String displayName, String organisation,
        List<ContactAddress> addresses) {

    public Contact {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(organisation, "organisation");
        addresses = List.copyOf(addresses);
    }
}

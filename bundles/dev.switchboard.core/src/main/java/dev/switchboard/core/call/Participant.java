package dev.switchboard.core.call;

import java.util.Objects;

/**
 * A remote leg's party.
 *
 * @param address     protocol address as dialled or received, e.g. {@code sip:bob@example.com}
 * @param displayName what the far end calls itself; empty when it said nothing
 */
public record Participant(String address, String displayName) {

    public Participant {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The display name, or the address when there is none. */
    public String label() {
        return displayName.isBlank() ? address : displayName;
    }
}

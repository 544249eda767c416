package dev.switchboard.core.presence;

import java.util.Objects;

/** An availability with an optional free-text note ("in a meeting until 3"). */
public record Presence(Availability availability, String note) {

    public static final Presence OFFLINE = new Presence(Availability.OFFLINE, "");

    public Presence {
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(note, "note");
    }
}

package dev.switchboard.agent.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.switchboard.core.presence.Availability;

/** The agent's words for availabilities, as XMPP users know them. */
final class PresenceWords {

    private PresenceWords() {
    }

    static String word(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> "available";
            case AWAY -> "away";
            case EXTENDED_AWAY -> "xa";
            case DO_NOT_DISTURB -> "dnd";
            case OFFLINE -> "offline";
        };
    }

    static Availability parse(String word) {
        return Arrays.stream(Availability.values())
                .filter(availability -> word(availability).equalsIgnoreCase(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown availability '" + word + "'; one of "
                        + Arrays.stream(Availability.values()).map(PresenceWords::word).collect(Collectors.joining(", "))));
    }
}

package dev.switchboard.protocol.xmpp.internal;

import org.jivesoftware.smack.packet.Presence.Mode;

import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;

/** The core's availability and XMPP's presence {@code show} values (RFC 6121 §4.7.2.1), both ways. */
final class XmppPresences {

    private XmppPresences() {
    }

    static Presence toCore(org.jivesoftware.smack.packet.Presence presence) {
        if (presence == null || !presence.isAvailable()) {
            return Presence.OFFLINE;
        }
        String note = presence.getStatus() == null ? "" : presence.getStatus();
        Mode mode = presence.getMode() == null ? Mode.available : presence.getMode();
        Availability availability = switch (mode) {
            case available, chat -> Availability.AVAILABLE;
            case away -> Availability.AWAY;
            case xa -> Availability.EXTENDED_AWAY;
            case dnd -> Availability.DO_NOT_DISTURB;
        };
        return new Presence(availability, note);
    }

    /** The show value for an availability other than {@link Availability#OFFLINE}. */
    static Mode mode(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> Mode.available;
            case AWAY -> Mode.away;
            case EXTENDED_AWAY -> Mode.xa;
            case DO_NOT_DISTURB -> Mode.dnd;
            case OFFLINE -> throw new IllegalArgumentException("offline has no show value");
        };
    }
}

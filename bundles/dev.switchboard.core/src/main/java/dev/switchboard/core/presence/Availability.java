package dev.switchboard.core.presence;

/** How reachable a person is; maps onto XMPP show values and SIP/PIDF activities. */
public enum Availability {
    AVAILABLE, AWAY, EXTENDED_AWAY, DO_NOT_DISTURB, OFFLINE
}

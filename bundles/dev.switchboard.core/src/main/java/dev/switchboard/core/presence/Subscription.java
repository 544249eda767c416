package dev.switchboard.core.presence;

/**
 * Who sees whose presence (RFC 6121 subscription states).
 *
 * @since 1.1
 */
public enum Subscription {
    /** Neither side sees the other. */
    NONE,
    /** We see the contact's presence. */
    TO,
    /** The contact sees ours. */
    FROM,
    BOTH
}

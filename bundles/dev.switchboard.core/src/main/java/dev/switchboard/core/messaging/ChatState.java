package dev.switchboard.core.messaging;

/**
 * What the other side of a conversation is doing (XMPP chat states, XEP-0085), shown as a typing
 * indicator.
 *
 * @since 1.2
 */
public enum ChatState {
    /** Paying attention to the conversation. */
    ACTIVE,
    /** Typing a message. */
    COMPOSING,
    /** Stopped typing for a moment. */
    PAUSED,
    /** Not looking at the conversation. */
    INACTIVE,
    /** Closed the conversation. */
    GONE
}

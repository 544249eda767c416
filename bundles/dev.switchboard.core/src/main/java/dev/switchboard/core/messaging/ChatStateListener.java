package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener service: told when a conversation partner's {@link ChatState} changes
 * (typing, paused, ...). Protocol plug-ins that receive chat states call every registered one.
 *
 * @since 1.2
 */
@ConsumerType
public interface ChatStateListener {

    /** @param peer the partner's address (bare, without resource) */
    void chatStateChanged(String accountId, String peer, ChatState state);
}

package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Session capability of protocols that carry chat states: tells a conversation partner what the
 * user is doing (typing, paused, ...). Incoming states reach {@link ChatStateListener}s.
 *
 * @since 1.2
 */
@ConsumerType
public interface ChatStates {

    /** @throws IllegalStateException if the session is offline */
    void send(String peer, ChatState state);
}

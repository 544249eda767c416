package dev.switchboard.core.spi;

import dev.switchboard.core.presence.Presence;

import org.osgi.annotation.versioning.ConsumerType;

/** Session capability: publishes the user's presence on this account. */
@ConsumerType
public interface PresencePublisher {

    void publish(Presence presence);
}

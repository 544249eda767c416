package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told of every message sent or received. */
@ConsumerType
public interface MessageListener {

    void message(Message message);
}

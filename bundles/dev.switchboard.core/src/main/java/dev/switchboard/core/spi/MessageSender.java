package dev.switchboard.core.spi;

import dev.switchboard.core.messaging.Message;

import org.osgi.annotation.versioning.ConsumerType;

/** Session capability: sends instant messages on this account. */
@ConsumerType
public interface MessageSender {

    /** Sends and returns the message as it will be stored in history. */
    Message send(String to, String text);
}

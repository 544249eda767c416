package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard listener service: told when the recipient confirms a sent message arrived (on
 * protocols that confirm delivery, such as XMPP with XEP-0184 receipts).
 *
 * @since 1.1
 */
@ConsumerType
public interface DeliveryListener {
    /** @param messageId the {@link Message#id()} returned when the message was sent */
    void delivered(String accountId, String peer, String messageId);
}

package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.ProviderType;

/** Sends messages through whichever account the user picks. */
@ProviderType
public interface MessagingService {

    /**
     * @throws IllegalArgumentException if the account does not exist
     * @throws IllegalStateException if the account's protocol cannot carry messages or is offline
     */
    Message send(String accountId, String to, String text);
}

package dev.switchboard.core.account;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The voice mailbox of an account (message waiting indication, e.g. SIP's RFC 3842 message-summary), offered by a
 * protocol session through {@link SessionCapabilities#capability}. Front ends show the counts per account and light
 * a lamp while messages wait.
 *
 * @since 1.2
 */
@ProviderType
public interface MessageWaiting {

    /** The mailbox's latest summary; empty until the server sent one. */
    Optional<MessageSummary> summary();

    /**
     * Reports every new summary to {@code listener}, on a thread of the session (return quickly), until removed. The
     * current summary, if any, is not replayed: read {@link #summary()} after adding.
     */
    void addListener(MessageWaitingListener listener);

    void removeListener(MessageWaitingListener listener);
}

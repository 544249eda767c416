package dev.switchboard.core.account;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when an account's mailbox summary changes.
 *
 * @since 1.2
 */
@ConsumerType
@FunctionalInterface
public interface MessageWaitingListener {

    void summaryChanged(MessageSummary summary);
}

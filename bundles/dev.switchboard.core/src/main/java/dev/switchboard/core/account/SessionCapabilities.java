package dev.switchboard.core.account;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Lets front ends reach what an account's open protocol session offers beyond calls, messages and
 * presence, such as a {@link dev.switchboard.core.presence.Roster} or
 * {@link dev.switchboard.core.messaging.GroupChat}.
 *
 * @since 1.1
 */
@ProviderType
public interface SessionCapabilities {

    /**
     * @return the capability of the account's session; empty if the account has no open session
     *         (never registered) or its protocol does not offer {@code type}
     */
    <T> Optional<T> capability(String accountId, Class<T> type);
}

package dev.switchboard.core.account;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers accounts with their servers through the protocol provider of each account and owns
 * one {@link RegistrationStateMachine} per account.
 */
@ProviderType
public interface RegistrationManager {

    /**
     * Starts registering; the outcome arrives at {@link RegistrationListener}s.
     *
     * @throws IllegalArgumentException if the account does not exist
     * @throws IllegalStateException if no provider of its protocol is installed
     */
    void register(String accountId);

    /** Unregisters and stops any automatic recovery. */
    void unregister(String accountId);

    RegistrationState state(String accountId);
}

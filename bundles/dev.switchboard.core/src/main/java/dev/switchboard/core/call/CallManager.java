package dev.switchboard.core.call;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Owns every call across every protocol. Incoming calls pass the registered
 * {@link dev.switchboard.core.policy.CallPolicy} services before they ring.
 */
@ProviderType
public interface CallManager {

    /**
     * Places a call from an account.
     *
     * @throws IllegalArgumentException if the account does not exist or the address is malformed
     * @throws IllegalStateException if the account is not registered or its protocol is missing
     */
    Call dial(String accountId, String address);

    /** Calls that have not ended, oldest first. */
    List<Call> calls();

    Optional<Call> call(String id);
}

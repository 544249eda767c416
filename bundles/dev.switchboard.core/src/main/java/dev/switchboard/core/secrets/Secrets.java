package dev.switchboard.core.secrets;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Passwords and keys of plug-ins, each under an owner name chosen by the plug-in (e.g.
 * {@code ldap/corp}), encrypted in the profile's secure storage. Account secrets stay with
 * {@link dev.switchboard.core.account.AccountRegistry}.
 */
@ProviderType
public interface Secrets {

    /** A copy of the secret; the caller should clear it after use. */
    Optional<char[]> get(String owner);

    /** Stores or replaces the secret; the array is not kept. */
    void put(String owner, char[] secret);

    /** {@code false} if there was none. */
    boolean remove(String owner);
}

package dev.switchboard.core.account;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The configured accounts, durable across restarts. Settings are kept in Eclipse preferences,
 * secrets in Equinox secure storage; neither is ever written to a log.
 */
@ProviderType
public interface AccountRegistry {

    List<Account> accounts();

    Optional<Account> account(String id);

    /**
     * Adds or replaces an account.
     *
     * @param secret the password, or {@code null} to keep the stored one; the array is not kept
     */
    void put(Account account, char[] secret);

    /** Removes the account and its secret; {@code false} if there was none. */
    boolean remove(String id);

    /** A copy of the stored secret; the caller should clear it after use. */
    Optional<char[]> secret(String id);

    void addListener(AccountListener listener);

    void removeListener(AccountListener listener);
}

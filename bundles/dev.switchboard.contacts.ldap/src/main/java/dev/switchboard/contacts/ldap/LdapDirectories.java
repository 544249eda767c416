package dev.switchboard.contacts.ldap;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The configured directories, durable in the profile's preferences; bind passwords in the core's
 * secure storage. Each directory is offered as a {@link dev.switchboard.core.contacts.ContactSource}
 * service of kind {@code directory}.
 */
@ProviderType
public interface LdapDirectories {

    List<LdapDirectoryConfig> directories();

    Optional<LdapDirectoryConfig> directory(String id);

    /**
     * Adds or replaces a directory.
     *
     * @param bindPassword the bind DN's password, or {@code null} to keep the stored one; the array
     *                     is cleared
     */
    void put(LdapDirectoryConfig config, char[] bindPassword);

    /** Removes the directory and its password; {@code false} if there was none. */
    boolean remove(String id);
}

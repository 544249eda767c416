package dev.switchboard.core.impl.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/**
 * Secrets in Equinox secure storage inside the profile, encrypted with a random per-profile master
 * password kept beside it with owner-only permissions. Opening it never prompts, so the headless
 * agent works the same as the desktop client.
 */
final class EquinoxSecretStore implements SecretStore {

    private static final String ACCOUNTS_NODE = "dev.switchboard/accounts";
    private static final String KEY = "secret";

    private final Path directory;
    private final String node;
    /** Opened on first use: profiles are opened on the framework's start-level thread, before the window, and
     *  nothing there needs a secret (the master password, its file and Equinox's cipher set-up cost ~20 ms). */
    private ISecurePreferences root;

    EquinoxSecretStore(Path directory) {
        this(directory, ACCOUNTS_NODE);
    }

    /**
     * @param node the secure preferences node holding one child per owner; Equinox shares one
     *             storage root per file, so several stores on different nodes of the same file
     *             do not overwrite each other
     */
    EquinoxSecretStore(Path directory, String node) {
        this.directory = directory;
        this.node = node;
    }

    /**
     * The storage, opened now if this is the first use; a failure is reported to this caller and retried by the next.
     * Only called from the synchronized methods, so it is opened once.
     */
    private ISecurePreferences root() {
        if (root != null) {
            return root;
        }
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            char[] master = masterPassword(directory.resolve("master.key"));
            URL location = directory.resolve("secure_storage").toUri().toURL();
            ISecurePreferences opened = SecurePreferencesFactory.open(location, Map.of(
                    IProviderHints.PROMPT_USER, Boolean.FALSE,
                    IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(master)));
            if (opened == null) {
                throw new IllegalStateException("secure storage could not be opened in " + directory);
            }
            root = opened;
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("secure storage could not be opened in " + directory + ": " + e.getMessage(), e);
        }
    }

    static EquinoxSecretStore inInstanceArea(String instanceArea) {
        return new EquinoxSecretStore(secureDirectory(instanceArea));
    }

    static EquinoxSecretStore inInstanceArea(String instanceArea, String node) {
        return new EquinoxSecretStore(secureDirectory(instanceArea), node);
    }

    private static Path secureDirectory(String instanceArea) {
        if (instanceArea == null) {
            throw new IllegalStateException("no instance area (-data) is set, so there is nowhere to keep secrets");
        }
        return Path.of(URI.create(instanceArea.replace(" ", "%20"))).resolve(".secure");
    }

    @Override
    public synchronized Optional<char[]> get(String accountId) {
        try {
            String value = root().node(node).node(accountId).get(KEY, null);
            return Optional.ofNullable(value).map(String::toCharArray);
        } catch (StorageException e) {
            throw new IllegalStateException("secret of " + accountId + " cannot be decrypted: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void put(String accountId, char[] secret) {
        try {
            ISecurePreferences storage = root();
            storage.node(node).node(accountId).put(KEY, new String(secret), true);
            storage.flush();
        } catch (StorageException | IOException e) {
            throw new IllegalStateException("secret of " + accountId + " cannot be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void remove(String accountId) {
        ISecurePreferences storage = root();
        ISecurePreferences accounts = storage.node(node);
        if (accounts.nodeExists(accountId)) {
            accounts.node(accountId).removeNode();
            try {
                storage.flush();
            } catch (IOException e) {
                throw new IllegalStateException("secret of " + accountId + " cannot be removed: " + e.getMessage(), e);
            }
        }
    }

    private static char[] masterPassword(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path temp = Files.createTempFile(file.getParent(), "master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(random));
            try {
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.delete(temp);
            }
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
    }
}

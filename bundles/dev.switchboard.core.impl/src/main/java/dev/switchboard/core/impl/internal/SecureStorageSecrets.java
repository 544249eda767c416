package dev.switchboard.core.impl.internal;

import java.util.Arrays;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.secrets.Secrets;

/** Plug-in secrets in the same secure storage as account secrets, under a node of their own. */
@Component(service = Secrets.class)
public class SecureStorageSecrets implements Secrets {

    private static final String NODE = "dev.switchboard/secrets";

    private final SecretStore store;

    @Activate
    public SecureStorageSecrets(BundleContext context) {
        this(EquinoxSecretStore.inInstanceArea(context.getProperty("osgi.instance.area"), NODE));
    }

    SecureStorageSecrets(SecretStore store) {
        this.store = store;
    }

    @Override
    public Optional<char[]> get(String owner) {
        return store.get(checked(owner));
    }

    @Override
    public void put(String owner, char[] secret) {
        try {
            store.put(checked(owner), secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public boolean remove(String owner) {
        if (store.get(checked(owner)).isEmpty()) {
            return false;
        }
        store.remove(owner);
        return true;
    }

    /** Owners become node paths: a '/' makes sub-nodes, which is fine, but an empty segment is not. */
    private static String checked(String owner) {
        if (owner == null || owner.isBlank() || owner.startsWith("/") || owner.endsWith("/") || owner.contains("//")) {
            throw new IllegalArgumentException("a secret's owner must be a non-empty name such as 'ldap/corp': " + owner);
        }
        return owner;
    }
}

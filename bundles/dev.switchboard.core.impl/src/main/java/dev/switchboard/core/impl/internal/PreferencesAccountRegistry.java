package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;

/**
 * Accounts in the Eclipse instance preferences of the profile ({@code -data}), one node per
 * account; secrets in a {@link SecretStore}. Every change is flushed before it is announced, so a
 * crash right after never loses an account the user was told about.
 */
@Component(service = AccountRegistry.class)
public class PreferencesAccountRegistry implements AccountRegistry {

    private static final Logger LOG = System.getLogger(PreferencesAccountRegistry.class.getName());
    private static final String PROTOCOL = "protocol";
    private static final String SETTINGS = "settings";

    private final Preferences root;
    private final SecretStore secrets;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<AccountListener> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public PreferencesAccountRegistry(BundleContext context) {
        this(InstanceScope.INSTANCE.getNode("dev.switchboard.core").node("accounts"),
                EquinoxSecretStore.inInstanceArea(context.getProperty("osgi.instance.area")));
    }

    PreferencesAccountRegistry(Preferences root, SecretStore secrets) {
        this.root = root;
        this.secrets = secrets;
        load();
    }

    private void load() {
        try {
            for (String id : root.childrenNames()) {
                Preferences node = root.node(id);
                Preferences settingsNode = node.node(SETTINGS);
                Map<String, String> settings = new TreeMap<>();
                for (String key : settingsNode.keys()) {
                    settings.put(key, settingsNode.get(key, ""));
                }
                try {
                    accounts.put(id, new Account(id, node.get(PROTOCOL, ""), settings));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.ERROR, "stored account {0} is unreadable and was skipped: {1}", id, e.getMessage());
                }
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("accounts cannot be read from preferences: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    @Override
    public synchronized Optional<Account> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public void put(Account account, char[] secret) {
        synchronized (this) {
            try {
                Preferences node = root.node(account.id());
                node.put(PROTOCOL, account.protocol());
                Preferences settingsNode = node.node(SETTINGS);
                settingsNode.clear();
                account.settings().forEach(settingsNode::put);
                if (secret != null) {
                    secrets.put(account.id(), secret);
                }
                root.flush();
            } catch (BackingStoreException e) {
                throw new IllegalStateException("account " + account.id() + " cannot be saved: " + e.getMessage(), e);
            } finally {
                if (secret != null) {
                    Arrays.fill(secret, '\0');
                }
            }
            accounts.put(account.id(), account);
        }
        listeners.forEach(listener -> listener.accountChanged(account));
    }

    @Override
    public boolean remove(String id) {
        synchronized (this) {
            if (!accounts.containsKey(id)) {
                return false;
            }
            try {
                root.node(id).removeNode();
                root.flush();
            } catch (BackingStoreException e) {
                throw new IllegalStateException("account " + id + " cannot be removed: " + e.getMessage(), e);
            }
            secrets.remove(id);
            accounts.remove(id);
        }
        listeners.forEach(listener -> listener.accountRemoved(id));
        return true;
    }

    @Override
    public Optional<char[]> secret(String id) {
        return secrets.get(id);
    }

    @Override
    public void addListener(AccountListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(AccountListener listener) {
        listeners.remove(listener);
    }
}

package dev.switchboard.contacts.ldap.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.core.secrets.Secrets;

/**
 * Directories in the profile's instance preferences (one node per directory, flushed before a change
 * is applied), bind passwords in the core's {@link Secrets} under {@code ldap/<id>}. Every directory is
 * registered as a {@link ContactSource} service of kind {@code directory}; a change replaces it.
 */
@Component(service = LdapDirectories.class, immediate = true)
public class PreferencesLdapDirectories implements LdapDirectories {

    private static final Logger LOG = System.getLogger(PreferencesLdapDirectories.class.getName());
    private static final Duration CACHE_TIME = Duration.ofSeconds(60);

    private final BundleContext context;
    private final Secrets secrets;
    private final Preferences root;
    private final Map<String, Registered> directories = new LinkedHashMap<>();

    private record Registered(LdapDirectoryConfig config, LdapDirectorySource source,
            ServiceRegistration<ContactSource> registration) {
    }

    @Activate
    public PreferencesLdapDirectories(BundleContext context, @Reference Secrets secrets) {
        this.context = context;
        this.secrets = secrets;
        this.root = InstanceScope.INSTANCE.getNode("dev.switchboard.contacts.ldap").node("directories");
        load();
    }

    private synchronized void load() {
        try {
            for (String id : root.childrenNames()) {
                Preferences node = root.node(id);
                Map<String, String> settings = new TreeMap<>();
                for (String key : node.keys()) {
                    settings.put(key, node.get(key, ""));
                }
                try {
                    publish(LdapDirectoryConfig.fromSettings(id, settings));
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.ERROR, "stored directory {0} is unusable and was skipped: {1}", id, e.getMessage());
                }
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("directories cannot be read from preferences: " + e.getMessage(), e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        directories.values().forEach(PreferencesLdapDirectories::withdraw);
        directories.clear();
    }

    @Override
    public synchronized List<LdapDirectoryConfig> directories() {
        return directories.values().stream().map(Registered::config).toList();
    }

    @Override
    public synchronized Optional<LdapDirectoryConfig> directory(String id) {
        return Optional.ofNullable(directories.get(id)).map(Registered::config);
    }

    @Override
    public synchronized void put(LdapDirectoryConfig config, char[] bindPassword) {
        try {
            Preferences node = root.node(config.id());
            node.clear();
            config.toSettings().forEach(node::put);
            root.flush();
            if (bindPassword != null) {
                secrets.put(owner(config.id()), bindPassword);
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("directory " + config.id() + " cannot be saved: " + e.getMessage(), e);
        } finally {
            if (bindPassword != null) {
                Arrays.fill(bindPassword, '\0');
            }
        }
        Registered previous = directories.remove(config.id());
        if (previous != null) {
            withdraw(previous);
        }
        publish(config);
    }

    @Override
    public synchronized boolean remove(String id) {
        Registered previous = directories.remove(id);
        if (previous == null) {
            return false;
        }
        withdraw(previous);
        try {
            root.node(id).removeNode();
            root.flush();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("directory " + id + " cannot be removed: " + e.getMessage(), e);
        }
        secrets.remove(owner(id));
        return true;
    }

    private void publish(LdapDirectoryConfig config) {
        String owner = owner(config.id());
        LdapDirectorySource source = new LdapDirectorySource(config,
                () -> secrets.get(owner).orElseGet(() -> new char[0]), CACHE_TIME, Clock.systemUTC());
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ContactSourceProperties.KIND, ContactSourceProperties.DIRECTORY);
        properties.put("switchboard.contacts.source", config.id());
        directories.put(config.id(), new Registered(config, source,
                context.registerService(ContactSource.class, source, properties)));
    }

    private static void withdraw(Registered registered) {
        try {
            registered.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping and has unregistered it already
        }
        registered.source().close();
    }

    static String owner(String id) {
        return "ldap/" + id;
    }
}

package dev.switchboard.contacts.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountListener;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.contacts.ContactAddress;

/**
 * The number plan of this profile: the default region from the contacts preferences ({@code region},
 * else the JVM locale's country, else US) and the extension plan of the first account (by id) that has
 * {@code extension.length}. Follows changes of either and tells its change listeners when the keys it
 * gives have changed.
 */
@Component(service = NumberPlan.class)
public class ConfiguredNumberPlan implements NumberPlan, AccountListener, IPreferenceChangeListener {

    private static final Logger LOG = System.getLogger(ConfiguredNumberPlan.class.getName());
    static final String PREFERENCES_NODE = "dev.switchboard.contacts";
    static final String REGION = "region";

    private final AccountRegistry accounts;
    private final IEclipsePreferences preferences;
    private volatile PhoneNumberPlan plan;
    private final AtomicLong revision = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Activate
    public ConfiguredNumberPlan(@Reference AccountRegistry accounts) {
        this.accounts = accounts;
        this.preferences = InstanceScope.INSTANCE.getNode(PREFERENCES_NODE);
        refresh();
        accounts.addListener(this);
        preferences.addPreferenceChangeListener(this);
    }

    @Deactivate
    void deactivate() {
        accounts.removeListener(this);
        preferences.removePreferenceChangeListener(this);
    }

    /** Builds the plan from the settings; tells the listeners only when it came out different. */
    private void refresh() {
        PhoneNumberPlan previous = plan;
        build();
        if (previous != null && !plan.equals(previous)) {
            revision.incrementAndGet();
            LOG.log(Level.INFO, "number plan changed to region {0}, extensions {1}; address keys are computed again",
                    plan.defaultRegion(), plan.extensions());
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a holder of address keys failed to update them", e);
                }
            }
        }
    }

    private void build() {
        String region = preferences.get(REGION, defaultRegion(Locale.getDefault()));
        ExtensionPlan extensions = ExtensionPlan.NONE;
        for (Account account : accounts.accounts().stream().sorted(Comparator.comparing(Account::id)).toList()) {
            try {
                var found = ExtensionPlan.of(account);
                if (found.isPresent()) {
                    extensions = found.get();
                    break;
                }
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "account {0}: {1}; its extension plan is ignored", account.id(), e.getMessage());
            }
        }
        try {
            plan = new PhoneNumberPlan(region, extensions);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "contacts region: {0}; using US", e.getMessage());
            plan = new PhoneNumberPlan("US", extensions);
        }
    }

    static String defaultRegion(Locale locale) {
        String country = locale.getCountry();
        return country == null || country.length() != 2 ? "US" : country;
    }

    @Override
    public String key(String address) {
        return plan.key(address);
    }

    @Override
    public String key(ContactAddress address) {
        return plan.key(address);
    }

    @Override
    public String lookupText(String address) {
        return plan.lookupText(address);
    }

    @Override
    public String defaultRegion() {
        return plan.defaultRegion();
    }

    @Override
    public long revision() {
        return revision.get();
    }

    @Override
    public void addChangeListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeChangeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void accountChanged(Account account) {
        refresh();
    }

    @Override
    public void accountRemoved(String accountId) {
        refresh();
    }

    @Override
    public void preferenceChange(IEclipsePreferences.PreferenceChangeEvent event) {
        refresh();
    }
}

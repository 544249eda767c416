package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceListener;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.core.spi.PresencePublisher;

/**
 * The user's one availability: remembered across restarts, published on every open session that
 * can carry presence, and consulted by the DND call policy.
 */
@Component(service = PresenceService.class)
public class DefaultPresenceService implements PresenceService, SessionEvents {

    private static final Logger LOG = System.getLogger(DefaultPresenceService.class.getName());
    private static final String AVAILABILITY = "availability";
    private static final String NOTE = "note";

    private final SessionHub hub;
    private final AccountRegistry accounts;
    private final Preferences store;
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Presence own;

    @Activate
    public DefaultPresenceService(@Reference SessionHub hub, @Reference AccountRegistry accounts) {
        this(hub, accounts, InstanceScope.INSTANCE.getNode("dev.switchboard.core").node("presence"));
    }

    DefaultPresenceService(SessionHub hub, AccountRegistry accounts, Preferences store) {
        this.hub = hub;
        this.accounts = accounts;
        this.store = store;
        this.own = load(store);
        hub.addSink(this);
    }

    private static Presence load(Preferences store) {
        try {
            return new Presence(Availability.valueOf(store.get(AVAILABILITY, Availability.AVAILABLE.name())),
                    store.get(NOTE, ""));
        } catch (IllegalArgumentException e) {
            return new Presence(Availability.AVAILABLE, "");
        }
    }

    @Deactivate
    void deactivate() {
        hub.removeSink(this);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(PresenceListener listener) {
        listeners.add(listener);
    }

    void removeListener(PresenceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Presence own() {
        return own;
    }

    @Override
    public void setOwn(Presence presence) {
        own = presence;
        store.put(AVAILABILITY, presence.availability().name());
        store.put(NOTE, presence.note());
        try {
            store.flush();
        } catch (BackingStoreException e) {
            LOG.log(Level.WARNING, "presence not saved, it will be forgotten at restart: {0}", e.getMessage());
        }
        for (Account account : accounts.accounts()) {
            hub.existingSession(account.id())
                    .flatMap(session -> session.capability(PresencePublisher.class))
                    .ifPresent(publisher -> publisher.publish(presence));
        }
        listeners.forEach(listener -> listener.presenceChanged(PresenceListener.OWN, PresenceListener.OWN, presence));
    }

    @Override
    public void presenceChanged(Account account, String contact, Presence presence) {
        listeners.forEach(listener -> listener.presenceChanged(account.id(), contact, presence));
    }
}

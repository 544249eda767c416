package dev.switchboard.contacts.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceListener;

/**
 * The latest presence every protocol reported for every contact address, by address key, so the merged
 * view can show it on whichever contact holds the address.
 */
@Component(service = {PresenceBoard.class, PresenceListener.class})
public class PresenceBoard implements PresenceListener {

    private final NumberPlan plan;
    private final Map<String, Presence> byKey = new ConcurrentHashMap<>();

    @Activate
    public PresenceBoard(@Reference NumberPlan plan) {
        this.plan = plan;
    }

    @Override
    public void presenceChanged(String accountId, String contact, Presence presence) {
        if (OWN.equals(contact)) {
            return;
        }
        String key = plan.key(contact);
        if (!key.isEmpty()) {
            byKey.put(key, presence);
        }
    }

    /** {@link Presence#OFFLINE} when nothing was reported for the key. */
    public Presence presence(String key) {
        return byKey.getOrDefault(key, Presence.OFFLINE);
    }
}

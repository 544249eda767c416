package dev.switchboard.contacts.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceListener;

/**
 * The latest presence every protocol reported for every contact address, by address key, so the merged
 * view can show it on whichever contact holds the address. The reported addresses are kept as well, so
 * the keys are computed again when the number plan changes.
 */
@Component(service = {PresenceBoard.class, PresenceListener.class})
public class PresenceBoard implements PresenceListener {

    private final NumberPlan plan;
    /** As reported, in the order of the latest report, so the latest wins when two addresses share a key. */
    private final Map<String, Presence> byAddress = new LinkedHashMap<>();
    private Map<String, Presence> byKey = new HashMap<>();
    private final Runnable rekey = this::rekey;

    @Activate
    public PresenceBoard(@Reference NumberPlan plan) {
        this.plan = plan;
        plan.addChangeListener(rekey);
    }

    @Deactivate
    void deactivate() {
        plan.removeChangeListener(rekey);
    }

    @Override
    public synchronized void presenceChanged(String accountId, String contact, Presence presence) {
        if (OWN.equals(contact)) {
            return;
        }
        String key = plan.key(contact);
        if (!key.isEmpty()) {
            byAddress.remove(contact);
            byAddress.put(contact, presence);
            byKey.put(key, presence);
        }
    }

    private synchronized void rekey() {
        Map<String, Presence> keyed = new HashMap<>();
        byAddress.forEach((address, presence) -> {
            String key = plan.key(address);
            if (!key.isEmpty()) {
                keyed.put(key, presence);
            }
        });
        byKey = keyed;
    }

    /** {@link Presence#OFFLINE} when nothing was reported for the key. */
    public synchronized Presence presence(String key) {
        return byKey.getOrDefault(key, Presence.OFFLINE);
    }
}

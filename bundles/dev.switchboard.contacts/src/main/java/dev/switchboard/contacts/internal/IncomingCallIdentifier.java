package dev.switchboard.contacts.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.contacts.CallerIdentity;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.Participant;

/**
 * Identifies every incoming call once it starts ringing and posts the identity under
 * {@link CallerIdentification#TOPIC}: what the local book knows at once ({@code refined=false}), then
 * what the other sources add ({@code refined=true}). All of it runs on its own thread, never the call
 * manager's, so neither the first use of the book (opening the store) nor a slow directory delays the
 * call's own events and the incoming-call notice built from them. It holds the caller identification
 * only as service objects, so the call manager binding this listener at start-up does not open the
 * address book (and the store) before the first call or contacts command needs it.
 */
@Component(service = CallListener.class)
public class IncomingCallIdentifier implements CallListener {

    private static final Logger LOG = System.getLogger(IncomingCallIdentifier.class.getName());

    @Reference
    private ComponentServiceObjects<CallerIdentification> callers;
    /** Obtained at the first incoming call and kept, so its cache lives as long as this listener. */
    private CallerIdentification identification;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "caller-identification");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void callChanged(Call call, CallState previous) {
        if (call.direction() != Direction.INCOMING || call.state() != CallState.RINGING_IN
                || previous == CallState.RINGING_IN || call.participants().isEmpty()) {
            return;
        }
        Participant caller = call.participants().getFirst();
        try {
            worker.execute(() -> identify(call, caller.address()));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "caller identification is stopping; call {0} is not identified", call.id());
        }
    }

    private void identify(Call call, String address) {
        try {
            CallerIdentification callers = identification();
            callers.identifyLocally(address).ifPresent(found -> post(call, found, false));
            callers.identify(address).whenComplete((identity, failure) -> {
                if (failure != null) {
                    LOG.log(Level.WARNING, "caller of call {0} could not be identified: {1}", call.id(),
                            failure.toString());
                } else {
                    identity.ifPresent(found -> post(call, found, true));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "caller of call {0} could not be identified: {1}", call.id(), e.toString());
        }
    }

    private synchronized CallerIdentification identification() {
        if (identification == null) {
            identification = callers.getService();
        }
        return identification;
    }

    @Deactivate
    synchronized void deactivate() {
        worker.shutdownNow();
        if (identification != null) {
            callers.ungetService(identification);
            identification = null;
        }
    }

    private void post(Call call, CallerIdentity identity, boolean refined) {
        EventAdmin admin = events;
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(CallerIdentification.CALL_ID, call.id());
        properties.put(CallerIdentification.ADDRESS, identity.address());
        properties.put(CallerIdentification.NAME, identity.contact().displayName());
        properties.put(CallerIdentification.ORGANISATION, identity.contact().organisation());
        properties.put(CallerIdentification.SOURCE_KIND, identity.sourceKind());
        properties.put(CallerIdentification.SOURCES, identity.contact().sourceIds().toArray(String[]::new));
        properties.put(CallerIdentification.REFINED, refined);
        admin.postEvent(new Event(CallerIdentification.TOPIC, properties));
    }
}

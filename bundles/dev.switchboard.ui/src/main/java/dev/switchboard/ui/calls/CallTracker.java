package dev.switchboard.ui.calls;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.call.CallState;
import dev.switchboard.ui.SteppedFeed;

/**
 * Keeps the picture of every call current for the UI: the calls are read from {@link CallManager}
 * when it arrives, then followed through the {@link CallListener} whiteboard by way of
 * {@link CallRelay}. The manager is optional and may come and go.
 *
 * <p>The steps' worker ({@link SteppedFeed}) also reads the calls' capabilities, so the UI thread
 * never calls into a protocol.
 */
@Component(service = { CallFeed.class, EventHandler.class }, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + CallerIdentification.TOPIC)
public final class CallTracker extends SteppedFeed<CallBoard> implements CallFeed, CallListener, EventHandler {

    private final CallRelay relay;

    // Confined to the steps' thread.
    private CallManager manager;
    private final Map<String, CallView> calls = new HashMap<>();
    /** Who the caller identification found for each incoming call not yet seen ending. */
    private final Map<String, String> identified = new HashMap<>();

    @Activate
    public CallTracker(@Reference(name = "CallRelay") CallRelay relay) {
        this(relay, worker("switchboard-ui-calls"));
    }

    /**
     * Listens to the relay before DS binds the call manager, so that no transition falls between
     * the first reading of the calls and the events that follow it.
     *
     * @param steps runs the steps one at a time, in the order given
     */
    CallTracker(CallRelay relay, Executor steps) {
        super(steps, CallBoard.NOTHING_RUNNING);
        this.relay = relay;
        relay.attach(this);
    }

    @Deactivate
    void stopListening() {
        relay.detach(this);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCallManager(CallManager newManager) {
        step(() -> {
            manager = newManager;
            calls.clear();
            for (Call call : newManager.calls()) {
                if (call.state() != CallState.ENDED) {
                    calls.put(call.id(), read(call));
                }
            }
            publish();
        });
    }

    void unbindCallManager(CallManager oldManager) {
        step(() -> {
            if (manager == oldManager) {
                manager = null;
                calls.clear();
                publish();
            }
        });
    }

    @Override
    public void callChanged(Call call, CallState previous) {
        step(() -> {
            // The live state decides, so an event handled late never revives a call that has since ended.
            if (call.state() == CallState.ENDED) {
                calls.remove(call.id());
                identified.remove(call.id());
            } else {
                calls.put(call.id(), read(call));
            }
            publish();
        });
    }

    @Override
    public void refresh(String callId) {
        step(() -> {
            CallView known = calls.get(callId);
            if (known != null && known.call().state() != CallState.ENDED) {
                calls.put(callId, read(known.call()));
                publish();
            }
        });
    }

    /** The caller identification's answer for a ringing call (EventAdmin, {@link CallerIdentification#TOPIC}). */
    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(CallerIdentification.CALL_ID) instanceof String callId)
                || !(event.getProperty(CallerIdentification.NAME) instanceof String name) || name.isBlank()) {
            return;
        }
        step(() -> {
            // EventAdmin and the call whiteboard are separate paths: the name may come before the
            // call does, so it is kept until the call ends and applied whenever the call is read
            identified.put(callId, name);
            CallView known = calls.get(callId);
            if (known != null) {
                calls.put(callId, known.identifiedAs(name));
                publish();
            }
        });
    }

    private CallView read(Call call) {
        CallView view = CallView.of(call);
        String name = identified.get(call.id());
        return name == null ? view : view.identifiedAs(name);
    }

    private void publish() {
        publish(new CallBoard(manager != null, List.copyOf(calls.values())));
    }
}

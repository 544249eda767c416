package dev.switchboard.ui.calls;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

/**
 * Keeps the picture of every call current for the UI: the calls are read from {@link CallManager}
 * when it arrives, then followed through the {@link CallListener} whiteboard by way of
 * {@link CallRelay}. The manager is optional and may come and go.
 *
 * <p>As in the account status tracker, every callback only queues a step; one worker thread runs
 * the steps in arrival order, owns all mutable state and reads the calls' capabilities, so the
 * core's threads never wait on the UI and the UI thread never calls into a protocol.
 */
@Component(service = { CallFeed.class, EventHandler.class }, immediate = true,
        property = EventConstants.EVENT_TOPIC + "=" + CallerIdentification.TOPIC)
public final class CallTracker implements CallFeed, CallListener, EventHandler {

    private final CallRelay relay;
    private final Executor steps;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile CallBoard board = CallBoard.NOTHING_RUNNING;

    // Confined to the steps' thread.
    private CallManager manager;
    private final Map<String, CallView> calls = new HashMap<>();
    /** Who the caller identification found for each incoming call not yet seen ending. */
    private final Map<String, String> identified = new HashMap<>();

    @Activate
    public CallTracker(@Reference(name = "CallRelay") CallRelay relay) {
        // No thread is kept while idle, so nothing needs shutting down when the component goes.
        this(relay, new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().daemon().name("switchboard-ui-calls").unstarted(task)));
    }

    /**
     * Listens to the relay before DS binds the call manager, so that no transition falls between
     * the first reading of the calls and the events that follow it.
     *
     * @param steps runs the steps one at a time, in the order given
     */
    CallTracker(CallRelay relay, Executor steps) {
        this.relay = relay;
        this.steps = steps;
        relay.attach(this);
    }

    @Deactivate
    void stopListening() {
        relay.detach(this);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCallManager(CallManager newManager) {
        steps.execute(() -> {
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
        steps.execute(() -> {
            if (manager == oldManager) {
                manager = null;
                calls.clear();
                publish();
            }
        });
    }

    @Override
    public void callChanged(Call call, CallState previous) {
        steps.execute(() -> {
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
        steps.execute(() -> {
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
        steps.execute(() -> {
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

    @Override
    public CallBoard current() {
        return board;
    }

    @Override
    public void addWatcher(Runnable watcher) {
        watchers.add(watcher);
    }

    @Override
    public void removeWatcher(Runnable watcher) {
        watchers.remove(watcher);
    }

    private void publish() {
        board = new CallBoard(manager != null, List.copyOf(calls.values()));
        watchers.forEach(Runnable::run);
    }
}

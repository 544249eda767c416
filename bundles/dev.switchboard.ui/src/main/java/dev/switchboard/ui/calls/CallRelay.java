package dev.switchboard.ui.calls;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;

/**
 * The desktop's {@link CallListener} on the core's whiteboard; it only passes each event on. It is
 * apart from {@link CallTracker} for the same reason as the registration relay: the call manager
 * binds its listeners and the tracker binds the call manager, and one component doing both is a
 * service cycle.
 */
@Component(service = { CallRelay.class, CallListener.class })
public final class CallRelay implements CallListener {

    private final List<CallListener> receivers = new CopyOnWriteArrayList<>();

    void attach(CallListener receiver) {
        receivers.add(receiver);
    }

    void detach(CallListener receiver) {
        receivers.remove(receiver);
    }

    @Override
    public void callChanged(Call call, CallState previous) {
        receivers.forEach(receiver -> receiver.callChanged(call, previous));
    }
}

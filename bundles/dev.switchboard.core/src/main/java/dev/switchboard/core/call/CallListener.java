package dev.switchboard.core.call;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told of every call state transition, including the first one. */
@ConsumerType
public interface CallListener {

    /**
     * @param previous the state left, or {@code null} when the call has just appeared
     */
    void callChanged(Call call, CallState previous);
}

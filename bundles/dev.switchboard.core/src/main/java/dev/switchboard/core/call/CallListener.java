package dev.switchboard.core.call;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told of every call state transition, including the first one. */
@ConsumerType
public interface CallListener {

    /**
     * @param previous the state left, or {@code null} when the call has just appeared; equal to the call's
     *                 state when only its participants changed (a transfer completed with the state kept)
     */
    void callChanged(Call call, CallState previous);

    /**
     * The far end of {@code call} sent a DTMF digit. IVR-style and CRM extensions override this; the
     * default ignores it, so listeners that only follow states need not.
     */
    default void dtmfReceived(Call call, char digit) {
    }
}

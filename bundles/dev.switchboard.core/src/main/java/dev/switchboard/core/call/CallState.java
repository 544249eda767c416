package dev.switchboard.core.call;

/**
 * The states of a call. {@link #ENDED} is terminal; why a call ended is its {@link EndReason}.
 * {@link #ON_HOLD} means held by us (whether or not the far end also holds),
 * {@link #REMOTE_HOLD} means held only by the far end.
 */
public enum CallState {
    DIALING, RINGING_OUT, RINGING_IN, CONNECTED, ON_HOLD, REMOTE_HOLD, TRANSFERRING, ENDED;

    /** Media flows or could flow: the call occupies the user. */
    public boolean isEstablished() {
        return this == CONNECTED || this == ON_HOLD || this == REMOTE_HOLD || this == TRANSFERRING;
    }
}

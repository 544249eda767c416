package dev.switchboard.core.call;

import static dev.switchboard.core.call.CallState.CONNECTED;
import static dev.switchboard.core.call.CallState.DIALING;
import static dev.switchboard.core.call.CallState.ENDED;
import static dev.switchboard.core.call.CallState.ON_HOLD;
import static dev.switchboard.core.call.CallState.REMOTE_HOLD;
import static dev.switchboard.core.call.CallState.RINGING_IN;
import static dev.switchboard.core.call.CallState.RINGING_OUT;
import static dev.switchboard.core.call.CallState.TRANSFERRING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.core.IllegalTransitionException;

/**
 * The one state machine of a call. Protocol adapters report what happened; the call manager
 * moves the machine, and an edge that does not exist is an error rather than a silent no-op.
 */
public final class CallStateMachine {

    private static final Map<CallState, Set<CallState>> EDGES = new EnumMap<>(CallState.class);

    static {
        EDGES.put(DIALING, EnumSet.of(RINGING_OUT, CONNECTED, ENDED));
        EDGES.put(RINGING_OUT, EnumSet.of(CONNECTED, ENDED));
        EDGES.put(RINGING_IN, EnumSet.of(CONNECTED, ENDED));
        EDGES.put(CONNECTED, EnumSet.of(ON_HOLD, REMOTE_HOLD, TRANSFERRING, ENDED));
        // held by both ends: our resume leaves the far end's hold in place
        EDGES.put(ON_HOLD, EnumSet.of(CONNECTED, REMOTE_HOLD, TRANSFERRING, ENDED));
        EDGES.put(REMOTE_HOLD, EnumSet.of(CONNECTED, ON_HOLD, TRANSFERRING, ENDED));
        // a failed transfer returns the call to where it was
        EDGES.put(TRANSFERRING, EnumSet.of(CONNECTED, ON_HOLD, ENDED));
        EDGES.put(ENDED, EnumSet.noneOf(CallState.class));
    }

    private final String callId;
    private CallState current;
    private EndReason endReason;

    public CallStateMachine(String callId, Direction direction) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.current = direction == Direction.INCOMING ? RINGING_IN : DIALING;
    }

    public static boolean allowed(CallState from, CallState to) {
        return EDGES.get(from).contains(to);
    }

    public synchronized CallState current() {
        return current;
    }

    public synchronized Optional<EndReason> endReason() {
        return Optional.ofNullable(endReason);
    }

    /**
     * Moves to a state other than {@link CallState#ENDED}; returns the state left.
     *
     * @throws IllegalTransitionException if the edge does not exist
     */
    public synchronized CallState moveTo(CallState next) {
        if (next == ENDED) {
            throw new IllegalArgumentException("use end(reason) to end call " + callId);
        }
        return move(next);
    }

    /**
     * Ends the call; returns the state left.
     *
     * @throws IllegalTransitionException if the call has already ended
     */
    public synchronized CallState end(EndReason reason) {
        CallState previous = move(ENDED);
        endReason = Objects.requireNonNull(reason, "reason");
        return previous;
    }

    private CallState move(CallState next) {
        if (!allowed(current, next)) {
            throw new IllegalTransitionException("call " + callId, current, next);
        }
        CallState previous = current;
        current = next;
        return previous;
    }
}

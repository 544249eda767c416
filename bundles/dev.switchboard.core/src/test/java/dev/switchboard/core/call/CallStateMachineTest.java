package dev.switchboard.core.call;

import static dev.switchboard.core.call.CallState.CONNECTED;
import static dev.switchboard.core.call.CallState.DIALING;
import static dev.switchboard.core.call.CallState.ENDED;
import static dev.switchboard.core.call.CallState.ON_HOLD;
import static dev.switchboard.core.call.CallState.REMOTE_HOLD;
import static dev.switchboard.core.call.CallState.RINGING_IN;
import static dev.switchboard.core.call.CallState.RINGING_OUT;
import static dev.switchboard.core.call.CallState.TRANSFERRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.switchboard.core.IllegalTransitionException;

class CallStateMachineTest {

    /** The specification, written out independently of the implementation's table. */
    private static final Map<CallState, Set<CallState>> LEGAL = Map.of(
            DIALING, Set.of(RINGING_OUT, CONNECTED, ENDED),
            RINGING_OUT, Set.of(CONNECTED, ENDED),
            RINGING_IN, Set.of(CONNECTED, ENDED),
            CONNECTED, Set.of(ON_HOLD, REMOTE_HOLD, TRANSFERRING, ENDED),
            ON_HOLD, Set.of(CONNECTED, REMOTE_HOLD, TRANSFERRING, ENDED),
            REMOTE_HOLD, Set.of(CONNECTED, ON_HOLD, TRANSFERRING, ENDED),
            TRANSFERRING, Set.of(CONNECTED, ON_HOLD, ENDED),
            ENDED, Set.of());

    /** Shortest path from a fresh call to each state, so every edge can be tried from a real call. */
    private static final Map<CallState, List<CallState>> PATH = Map.of(
            DIALING, List.of(),
            RINGING_OUT, List.of(RINGING_OUT),
            RINGING_IN, List.of(),
            CONNECTED, List.of(CONNECTED),
            ON_HOLD, List.of(CONNECTED, ON_HOLD),
            REMOTE_HOLD, List.of(CONNECTED, REMOTE_HOLD),
            TRANSFERRING, List.of(CONNECTED, TRANSFERRING),
            ENDED, List.of(ENDED));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (CallState from : CallState.values()) {
            for (CallState to : CallState.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal={2}")
    @MethodSource("everyPair")
    void everyTransitionIsLegalExactlyWhenSpecified(CallState from, CallState to, boolean legal) {
        CallStateMachine machine = machineIn(from);
        if (legal) {
            CallState left = to == ENDED ? machine.end(EndReason.of(EndReason.Kind.LOCAL_HANGUP)) : machine.moveTo(to);
            assertEquals(from, left);
            assertEquals(to, machine.current());
        } else {
            assertThrows(IllegalTransitionException.class,
                    () -> {
                        if (to == ENDED) {
                            machine.end(EndReason.of(EndReason.Kind.FAILED));
                        } else {
                            machine.moveTo(to);
                        }
                    });
            assertEquals(from, machine.current(), "an illegal transition must leave the state alone");
        }
        assertEquals(LEGAL.get(from).contains(to), CallStateMachine.allowed(from, to));
    }

    @Test
    void incomingCallsStartRingingAndOutgoingStartDialing() {
        assertEquals(RINGING_IN, new CallStateMachine("a", Direction.INCOMING).current());
        assertEquals(DIALING, new CallStateMachine("b", Direction.OUTGOING).current());
    }

    @Test
    void endingRecordsTheReasonOnce() {
        CallStateMachine machine = new CallStateMachine("c", Direction.OUTGOING);
        assertTrue(machine.endReason().isEmpty());
        machine.end(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"));
        assertEquals(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"), machine.endReason().orElseThrow());
        assertThrows(IllegalTransitionException.class, () -> machine.end(EndReason.of(EndReason.Kind.LOCAL_HANGUP)));
        assertEquals(EndReason.Kind.BUSY, machine.endReason().orElseThrow().kind());
    }

    @Test
    void moveToEndedIsRefusedBecauseEndingNeedsAReason() {
        CallStateMachine machine = new CallStateMachine("d", Direction.OUTGOING);
        assertThrows(IllegalArgumentException.class, () -> machine.moveTo(ENDED));
        assertEquals(DIALING, machine.current());
    }

    private static CallStateMachine machineIn(CallState state) {
        Direction direction = state == RINGING_IN ? Direction.INCOMING : Direction.OUTGOING;
        CallStateMachine machine = new CallStateMachine("t", direction);
        for (CallState step : PATH.get(state)) {
            if (step == ENDED) {
                machine.end(EndReason.of(EndReason.Kind.REMOTE_HANGUP));
            } else {
                machine.moveTo(step);
            }
        }
        assertEquals(state, machine.current());
        return machine;
    }
}

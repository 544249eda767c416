package dev.switchboard.core.account;

import static dev.switchboard.core.account.RegistrationState.Kind.CONNECTION_LOST;
import static dev.switchboard.core.account.RegistrationState.Kind.FAILED;
import static dev.switchboard.core.account.RegistrationState.Kind.REGISTERED;
import static dev.switchboard.core.account.RegistrationState.Kind.REGISTERING;
import static dev.switchboard.core.account.RegistrationState.Kind.UNREGISTERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import dev.switchboard.core.account.RegistrationState.Kind;

class RegistrationStateMachineTest {

    private static final Map<Kind, Set<Kind>> LEGAL = Map.of(
            UNREGISTERED, Set.of(REGISTERING),
            REGISTERING, Set.of(REGISTERED, FAILED, CONNECTION_LOST, UNREGISTERED),
            REGISTERED, Set.of(REGISTERING, FAILED, CONNECTION_LOST, UNREGISTERED),
            FAILED, Set.of(REGISTERING, UNREGISTERED),
            CONNECTION_LOST, Set.of(REGISTERING, UNREGISTERED));

    private static final Map<Kind, List<Kind>> PATH = Map.of(
            UNREGISTERED, List.of(),
            REGISTERING, List.of(REGISTERING),
            REGISTERED, List.of(REGISTERING, REGISTERED),
            FAILED, List.of(REGISTERING, FAILED),
            CONNECTION_LOST, List.of(REGISTERING, CONNECTION_LOST));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (Kind from : Kind.values()) {
            for (Kind to : Kind.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.get(from).contains(to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1} legal={2}")
    @MethodSource("everyPair")
    void everyTransitionIsLegalExactlyWhenSpecified(Kind from, Kind to, boolean legal) {
        RegistrationStateMachine machine = machineIn(from);
        RegistrationState target = state(to);
        if (legal) {
            assertEquals(from, machine.moveTo(target).kind());
            assertEquals(target, machine.current());
        } else {
            assertThrows(IllegalTransitionException.class, () -> machine.moveTo(target));
            assertEquals(from, machine.current().kind());
        }
        assertEquals(LEGAL.get(from).contains(to), RegistrationStateMachine.allowed(from, to));
    }

    @Test
    void failuresCarryAReasonAndOtherStatesDoNot() {
        assertThrows(IllegalArgumentException.class, () -> new RegistrationState(FAILED, ""));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationState(CONNECTION_LOST, " "));
        assertThrows(IllegalArgumentException.class, () -> new RegistrationState(REGISTERED, "why"));
        assertEquals("FAILED(authentication failed)", RegistrationState.failed("authentication failed").toString());
    }

    @Test
    void aNewMachineIsUnregistered() {
        assertEquals(RegistrationState.UNREGISTERED, new RegistrationStateMachine("a").current());
    }

    private static RegistrationState state(Kind kind) {
        return switch (kind) {
            case FAILED -> RegistrationState.failed("403 Forbidden");
            case CONNECTION_LOST -> RegistrationState.connectionLost("no answer from registrar");
            default -> new RegistrationState(kind, "");
        };
    }

    private static RegistrationStateMachine machineIn(Kind kind) {
        RegistrationStateMachine machine = new RegistrationStateMachine("t");
        PATH.get(kind).forEach(step -> machine.moveTo(state(step)));
        return machine;
    }
}

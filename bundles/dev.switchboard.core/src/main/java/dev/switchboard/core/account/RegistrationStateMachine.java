package dev.switchboard.core.account;

import static dev.switchboard.core.account.RegistrationState.Kind.CONNECTION_LOST;
import static dev.switchboard.core.account.RegistrationState.Kind.FAILED;
import static dev.switchboard.core.account.RegistrationState.Kind.REGISTERED;
import static dev.switchboard.core.account.RegistrationState.Kind.REGISTERING;
import static dev.switchboard.core.account.RegistrationState.Kind.UNREGISTERED;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import dev.switchboard.core.IllegalTransitionException;

/**
 * The registration state machine of one account. A refresh of a live registration is not a
 * transition: the account stays {@code REGISTERED}. Every transition not listed in
 * {@link #allowed(RegistrationState.Kind, RegistrationState.Kind)} throws, so a protocol adapter
 * that reports nonsense is caught instead of showing a wrong state.
 */
public final class RegistrationStateMachine {

    private static final Map<RegistrationState.Kind, Set<RegistrationState.Kind>> EDGES =
            new EnumMap<>(RegistrationState.Kind.class);

    static {
        EDGES.put(UNREGISTERED, EnumSet.of(REGISTERING));
        EDGES.put(REGISTERING, EnumSet.of(REGISTERED, FAILED, CONNECTION_LOST, UNREGISTERED));
        EDGES.put(REGISTERED, EnumSet.of(REGISTERING, FAILED, CONNECTION_LOST, UNREGISTERED));
        EDGES.put(FAILED, EnumSet.of(REGISTERING, UNREGISTERED));
        EDGES.put(CONNECTION_LOST, EnumSet.of(REGISTERING, UNREGISTERED));
    }

    private final String accountId;
    private RegistrationState current = RegistrationState.UNREGISTERED;

    public RegistrationStateMachine(String accountId) {
        this.accountId = accountId;
    }

    public static boolean allowed(RegistrationState.Kind from, RegistrationState.Kind to) {
        return EDGES.get(from).contains(to);
    }

    public synchronized RegistrationState current() {
        return current;
    }

    /**
     * Moves to {@code next} and returns the state left.
     *
     * @throws IllegalTransitionException if the edge does not exist
     */
    public synchronized RegistrationState moveTo(RegistrationState next) {
        if (!allowed(current.kind(), next.kind())) {
            throw new IllegalTransitionException("registration of " + accountId, current, next);
        }
        RegistrationState previous = current;
        current = next;
        return previous;
    }
}

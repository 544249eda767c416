package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import dev.switchboard.core.IllegalTransitionException;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.CallStateMachine;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;

/**
 * A call as the core sees it: the protocol's leg plus the call's state machine. The leg reports
 * through {@link CallLegListener}; every state change is handed to {@code onChange} with the
 * state left, outside the call's lock.
 */
final class ManagedCall implements Call, CallLegListener {

    private static final Logger LOG = System.getLogger(ManagedCall.class.getName());

    private final String id;
    private final String accountId;
    private final Direction direction;
    private final CallStateMachine machine;
    private final Clock clock;
    private final Instant createdAt;
    private final BiConsumer<ManagedCall, CallState> onChange;
    private final BiConsumer<ManagedCall, Character> onDtmf;
    private final Participant remote;
    private volatile CallLeg leg;
    private volatile String codec;
    private volatile Instant connectedAt;

    /**
     * @param remote the far end as known before the protocol answers (the dialled address, or the
     *               caller), so that every event, even one racing the leg's creation, names it
     */
    ManagedCall(String id, String accountId, Direction direction, Participant remote, Clock clock,
            BiConsumer<ManagedCall, CallState> onChange, BiConsumer<ManagedCall, Character> onDtmf) {
        this.id = id;
        this.remote = remote;
        this.accountId = accountId;
        this.direction = direction;
        this.machine = new CallStateMachine(id, direction);
        this.clock = clock;
        this.createdAt = clock.instant();
        this.onChange = onChange;
        this.onDtmf = onDtmf;
    }

    void attach(CallLeg callLeg) {
        this.leg = callLeg;
        callLeg.codec().ifPresent(value -> codec = value);
    }

    CallLeg leg() {
        return leg;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public CallState state() {
        return machine.current();
    }

    @Override
    public Optional<EndReason> endReason() {
        return machine.endReason();
    }

    @Override
    public List<Participant> participants() {
        CallLeg current = leg;
        return List.of(current == null ? remote : current.remote());
    }

    @Override
    public Optional<String> codec() {
        return Optional.ofNullable(codec);
    }

    @Override
    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public Optional<Instant> connectedAt() {
        return Optional.ofNullable(connectedAt);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        CallLeg current = leg;
        if (current == null || state() == CallState.ENDED) {
            return Optional.empty();
        }
        return current.capability(type);
    }

    @Override
    public void answer() {
        requireState(CallState.RINGING_IN, "answer");
        leg.answer();
    }

    @Override
    public void forward(String target) {
        requireState(CallState.RINGING_IN, "forward");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("no address to forward the call to");
        }
        leg.forward(target.strip());
        ended(new EndReason(EndReason.Kind.FORWARDED, target.strip()));
    }

    @Override
    public void reject() {
        requireState(CallState.RINGING_IN, "reject");
        leg.reject("declined");
        ended(EndReason.of(EndReason.Kind.REJECTED));
    }

    @Override
    public void hangup() {
        if (state() == CallState.ENDED) {
            throw new IllegalStateException("call " + id + " has already ended");
        }
        leg.hangup();
        ended(EndReason.of(EndReason.Kind.LOCAL_HANGUP));
    }

    private void requireState(CallState expected, String operation) {
        CallState current = state();
        if (current != expected) {
            throw new IllegalStateException("cannot " + operation + " call " + id + " in state " + current);
        }
    }

    @Override
    public void stateChanged(CallState state) {
        CallState previous;
        synchronized (machine) {
            if (state == machine.current()) {
                return;
            }
            try {
                previous = machine.moveTo(state);
            } catch (IllegalTransitionException e) {
                LOG.log(Level.ERROR, "protocol reported an impossible call change, ending the call: {0}", e.getMessage());
                failOnBadReport(e.getMessage());
                return;
            }
            if (state == CallState.CONNECTED && connectedAt == null) {
                connectedAt = clock.instant();
            }
        }
        onChange.accept(this, previous);
    }

    private void failOnBadReport(String detail) {
        CallLeg current = leg;
        if (current != null) {
            current.hangup();
        }
        ended(new EndReason(EndReason.Kind.FAILED, detail));
    }

    @Override
    public void ended(EndReason reason) {
        CallState previous;
        synchronized (machine) {
            if (machine.current() == CallState.ENDED) {
                // both sides may report the end (our BYE and their 200, say): the first one wins
                return;
            }
            previous = machine.end(reason);
        }
        onChange.accept(this, previous);
    }

    /** The far end changed with the state kept: listeners hear it as a change to the same state. */
    @Override
    public void remoteChanged(Participant newRemote) {
        CallState current;
        synchronized (machine) {
            current = machine.current();
            if (current == CallState.ENDED) {
                return;
            }
        }
        onChange.accept(this, current);
    }

    @Override
    public void codecChanged(String newCodec) {
        this.codec = newCodec;
    }

    @Override
    public void dtmfReceived(char digit) {
        if (Dtmf.DIGITS.indexOf(digit) < 0) {
            LOG.log(Level.WARNING, "{0}: ignoring a received DTMF report of ''{1}'', not a DTMF digit", id, digit);
            return;
        }
        onDtmf.accept(this, digit);
    }

    @Override
    public String toString() {
        return "call " + id + " (" + direction + ", " + state() + ")";
    }
}

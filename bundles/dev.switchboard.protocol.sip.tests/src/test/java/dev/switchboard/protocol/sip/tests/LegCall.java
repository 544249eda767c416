package dev.switchboard.protocol.sip.tests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.spi.CallLeg;

/**
 * A leg seen as the core's {@link Call}, as {@code AttendedTransfer} and {@code Conference} take one: like the core's
 * own call, it hands capability look-ups to the leg. Only what those capabilities use is answered.
 */
record LegCall(CallLeg leg) implements Call {

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return leg.capability(type);
    }

    @Override
    public List<Participant> participants() {
        return List.of(leg.remote());
    }

    @Override
    public Optional<String> codec() {
        return leg.codec();
    }

    @Override
    public String id() {
        return "test-" + Integer.toHexString(System.identityHashCode(leg));
    }

    @Override
    public String accountId() {
        throw new UnsupportedOperationException("not needed by the SIP capabilities");
    }

    @Override
    public Direction direction() {
        throw new UnsupportedOperationException("not needed by the SIP capabilities");
    }

    @Override
    public CallState state() {
        throw new UnsupportedOperationException("not needed by the SIP capabilities");
    }

    @Override
    public Optional<EndReason> endReason() {
        return Optional.empty();
    }

    @Override
    public Instant createdAt() {
        throw new UnsupportedOperationException("not needed by the SIP capabilities");
    }

    @Override
    public Optional<Instant> connectedAt() {
        return Optional.empty();
    }

    @Override
    public void answer() {
        leg.answer();
    }

    @Override
    public void reject() {
        leg.reject("declined");
    }

    @Override
    public void hangup() {
        leg.hangup();
    }
}

package dev.switchboard.contacts.tests;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;

/** An incoming call as the call manager reports it when it starts ringing; nothing can be done with it. */
record RingingCall(String id, String callerAddress) implements Call {

    @Override
    public String accountId() {
        return "office";
    }

    @Override
    public Direction direction() {
        return Direction.INCOMING;
    }

    @Override
    public CallState state() {
        return CallState.RINGING_IN;
    }

    @Override
    public Optional<EndReason> endReason() {
        return Optional.empty();
    }

    @Override
    public List<Participant> participants() {
        return List.of(new Participant(callerAddress, ""));
    }

    @Override
    public Optional<String> codec() {
        return Optional.empty();
    }

    @Override
    public Instant createdAt() {
        return Instant.EPOCH;
    }

    @Override
    public Optional<Instant> connectedAt() {
        return Optional.empty();
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public void answer() {
        throw new UnsupportedOperationException("test call");
    }

    @Override
    public void reject() {
        throw new UnsupportedOperationException("test call");
    }

    @Override
    public void hangup() {
        throw new UnsupportedOperationException("test call");
    }
}

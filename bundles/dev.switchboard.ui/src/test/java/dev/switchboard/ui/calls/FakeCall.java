package dev.switchboard.ui.calls;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.Record;

/** A call whose state and capabilities the test sets; it records what was done to it. */
final class FakeCall implements Call {

    final String id;
    final String accountId;
    final Instant createdAt;
    volatile CallState state;
    volatile Instant connectedAt;
    volatile String codec = "";
    volatile EndReason endReason;
    final List<Participant> participants = new ArrayList<>();
    final Map<Class<?>, Object> capabilities = new HashMap<>();
    final List<String> done = new ArrayList<>();
    boolean muted;
    boolean recording;

    FakeCall(String id, String accountId, CallState state, Instant createdAt) {
        this.id = id;
        this.accountId = accountId;
        this.state = state;
        this.createdAt = createdAt;
        participants.add(new Participant("sip:" + id + "@127.0.0.1", ""));
    }

    FakeCall withHold() {
        capabilities.put(Hold.class, new Hold() {
            @Override
            public void hold() {
                done.add("hold");
                state = CallState.ON_HOLD;
            }

            @Override
            public void resume() {
                done.add("resume");
                state = CallState.CONNECTED;
            }
        });
        return this;
    }

    FakeCall withMute() {
        capabilities.put(Mute.class, new Mute() {
            @Override
            public void mute() {
                muted = true;
            }

            @Override
            public void unmute() {
                muted = false;
            }

            @Override
            public boolean muted() {
                return muted;
            }
        });
        return this;
    }

    FakeCall withRecord() {
        capabilities.put(Record.class, new Record() {
            @Override
            public void start(Path file) {
                recording = true;
            }

            @Override
            public void stop() {
                recording = false;
            }

            @Override
            public boolean recording() {
                return recording;
            }
        });
        return this;
    }

    <T> FakeCall with(Class<T> type, T capability) {
        capabilities.put(type, capability);
        return this;
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
        return state == CallState.RINGING_IN ? Direction.INCOMING : Direction.OUTGOING;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Optional<EndReason> endReason() {
        return Optional.ofNullable(endReason);
    }

    @Override
    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    @Override
    public Optional<String> codec() {
        return codec.isEmpty() ? Optional.empty() : Optional.of(codec);
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
        return Optional.ofNullable(type.cast(capabilities.get(type)));
    }

    @Override
    public void answer() {
        done.add("answer");
        state = CallState.CONNECTED;
    }

    @Override
    public void reject() {
        done.add("reject");
        state = CallState.ENDED;
    }

    @Override
    public void hangup() {
        done.add("hangup");
        state = CallState.ENDED;
    }
}

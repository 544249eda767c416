package dev.switchboard.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;

class EventBroadcasterTest {

    private final EventBroadcaster broadcaster = new EventBroadcaster();
    private final List<String> first = new ArrayList<>();
    private final List<String> second = new ArrayList<>();

    EventBroadcasterTest() {
        broadcaster.attach(event -> first.add(Json.write(event)));
        broadcaster.attach(event -> second.add(Json.write(event)));
    }

    @Test
    void registrationEventsCarryStateAndReasonToEveryController() {
        broadcaster.registrationChanged(new Account("a1", "sip", Map.of()), RegistrationState.REGISTERED,
                RegistrationState.connectionLost("no answer from 127.0.0.1:5060"));
        String expected = "{\"event\":\"registration\",\"account\":\"a1\",\"state\":\"CONNECTION_LOST\","
                + "\"reason\":\"no answer from 127.0.0.1:5060\"}";
        assertEquals(List.of(expected), first);
        assertEquals(List.of(expected), second);
    }

    @Test
    void anEndedCallSaysWhy() {
        broadcaster.callChanged(new EndedCall(), CallState.RINGING_OUT);
        assertEquals(List.of("{\"event\":\"call\",\"call\":\"c7\",\"account\":\"a1\",\"state\":\"ENDED\","
                + "\"direction\":\"OUTGOING\",\"peer\":\"sip:bob@127.0.0.1\",\"peerName\":\"Bob\",\"codec\":\"\","
                + "\"reason\":\"BUSY\",\"detail\":\"486 Busy Here\"}"), first);
    }

    @Test
    void messagesAndPresenceAreReported() {
        broadcaster.message(new Message("m1", "x1", "bob@localhost", true, "bob@localhost", "hi \"there\"",
                Instant.parse("2026-11-24T00:00:00Z")));
        broadcaster.presenceChanged("x1", "bob@localhost", new Presence(Availability.EXTENDED_AWAY, "gone"));
        assertEquals(List.of(
                "{\"event\":\"message\",\"account\":\"x1\",\"from\":\"bob@localhost\",\"to\":\"\",\"peer\":\"bob@localhost\","
                        + "\"incoming\":true,\"text\":\"hi \\\"there\\\"\",\"id\":\"m1\",\"time\":\"2026-11-24T00:00:00Z\"}",
                "{\"event\":\"presence\",\"account\":\"x1\",\"contact\":\"bob@localhost\",\"show\":\"xa\",\"note\":\"gone\"}"),
                first);
    }

    @Test
    void aControllerThatFailsIsDroppedAndTheOthersCarryOn() {
        broadcaster.attach(event -> {
            throw new IllegalStateException("controller gone");
        });
        broadcaster.presenceChanged("", "", new Presence(Availability.AVAILABLE, ""));
        broadcaster.presenceChanged("", "", new Presence(Availability.AWAY, ""));
        assertEquals(2, first.size());
        assertEquals(2, second.size());
    }

    private static final class EndedCall implements Call {
        @Override
        public String id() {
            return "c7";
        }

        @Override
        public String accountId() {
            return "a1";
        }

        @Override
        public Direction direction() {
            return Direction.OUTGOING;
        }

        @Override
        public CallState state() {
            return CallState.ENDED;
        }

        @Override
        public Optional<EndReason> endReason() {
            return Optional.of(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"));
        }

        @Override
        public List<Participant> participants() {
            return List.of(new Participant("sip:bob@127.0.0.1", "Bob"));
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
        }

        @Override
        public void reject() {
        }

        @Override
        public void hangup() {
        }
    }
}

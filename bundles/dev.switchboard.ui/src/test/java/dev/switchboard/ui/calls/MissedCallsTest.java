package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;

class MissedCallsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final CallBoard EMPTY = new CallBoard(true, List.of());

    private static CallBoard ringing(FakeCall... calls) {
        return new CallBoard(true, java.util.Arrays.stream(calls).map(CallView::of).toList());
    }

    private static void end(FakeCall call, EndReason.Kind kind) {
        call.state = CallState.ENDED;
        call.endReason = new EndReason(kind, "");
    }

    @Test
    void aCallerWhoGaveUpIsMissedUntilSeen() {
        MissedCalls missed = new MissedCalls();
        FakeCall call = new FakeCall("c1", "alice", CallState.RINGING_IN, T0);
        assertFalse(missed.update(ringing(call)));
        end(call, EndReason.Kind.CANCELLED);
        assertTrue(missed.update(EMPTY));
        assertEquals(1, missed.count());
        assertFalse(missed.update(EMPTY), "counted once");
        assertTrue(missed.seen());
        assertEquals(0, missed.count());
        assertFalse(missed.seen());
    }

    @Test
    void answeredRejectedForwardedAndAnsweredElsewhereAreNotMissed() {
        MissedCalls missed = new MissedCalls();
        FakeCall answered = new FakeCall("a", "alice", CallState.RINGING_IN, T0);
        FakeCall rejected = new FakeCall("r", "alice", CallState.RINGING_IN, T0);
        FakeCall forwarded = new FakeCall("f", "alice", CallState.RINGING_IN, T0);
        FakeCall elsewhere = new FakeCall("e", "alice", CallState.RINGING_IN, T0);
        missed.update(ringing(answered, rejected, forwarded, elsewhere));
        answered.answer();
        answered.connectedAt = T0.plusSeconds(3);
        missed.update(ringing(answered, rejected, forwarded, elsewhere));
        end(answered, EndReason.Kind.REMOTE_HANGUP);
        end(rejected, EndReason.Kind.REJECTED);
        end(forwarded, EndReason.Kind.FORWARDED);
        end(elsewhere, EndReason.Kind.ANSWERED_ELSEWHERE);
        assertFalse(missed.update(EMPTY));
        assertEquals(0, missed.count());
    }

    @Test
    void twoCallsRingingOutCountTwo() {
        MissedCalls missed = new MissedCalls();
        FakeCall first = new FakeCall("c1", "alice", CallState.RINGING_IN, T0);
        FakeCall second = new FakeCall("c2", "bob", CallState.RINGING_IN, T0);
        missed.update(ringing(first, second));
        end(first, EndReason.Kind.NO_ANSWER);
        missed.update(ringing(second));
        end(second, EndReason.Kind.REMOTE_HANGUP);
        missed.update(EMPTY);
        assertEquals(2, missed.count());
    }
}

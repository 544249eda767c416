package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;

class CallBoardTest {

    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

    @Test
    void callsAreListedOldestFirstWithTheIdBreakingTies() {
        CallView late = CallView.of(new FakeCall("c9", "alice", CallState.CONNECTED, T0.plusSeconds(60)));
        CallView sameB = CallView.of(new FakeCall("b", "alice", CallState.RINGING_IN, T0));
        CallView sameA = CallView.of(new FakeCall("a", "alice", CallState.ON_HOLD, T0));
        CallBoard board = new CallBoard(true, List.of(late, sameB, sameA));
        assertEquals(List.of("a", "b", "c9"), board.calls().stream().map(CallView::id).toList());
        assertEquals(List.of("b"), board.ringing().stream().map(CallView::id).toList());
    }

    @Test
    void theCallTalkedOnIsTheConnectedOneConnectedLast() {
        FakeCall first = new FakeCall("a", "alice", CallState.CONNECTED, T0);
        first.connectedAt = T0.plusSeconds(50);
        FakeCall second = new FakeCall("b", "alice", CallState.CONNECTED, T0.plusSeconds(10));
        second.connectedAt = T0.plusSeconds(20);
        FakeCall held = new FakeCall("c", "alice", CallState.ON_HOLD, T0.plusSeconds(30));
        CallBoard board = new CallBoard(true, List.of(CallView.of(first), CallView.of(second), CallView.of(held)));
        assertEquals(Optional.of("a"), board.talking().map(CallView::id));
        assertEquals(Optional.empty(), new CallBoard(true, List.of(CallView.of(held))).talking());
    }

    @Test
    void timerTextIsAClock() {
        assertEquals("0:00", CallText.elapsed(Duration.ZERO));
        assertEquals("0:07", CallText.elapsed(Duration.ofMillis(7_900)));
        assertEquals("12:34", CallText.elapsed(Duration.ofSeconds(12 * 60 + 34)));
        assertEquals("1:02:03", CallText.elapsed(Duration.ofSeconds(3723)));
        assertEquals("0:00", CallText.elapsed(Duration.ofSeconds(-5)), "a clock stepped back shows no negative time");
    }

    @Test
    void aConferenceIsLabelledByItsSize() {
        FakeCall conference = new FakeCall("a", "alice", CallState.CONNECTED, T0);
        conference.participants.add(new dev.switchboard.core.call.Participant("sip:carol@127.0.0.1", "Carol"));
        CallView view = CallView.of(conference);
        assertEquals("Conference (2)", view.peerLabel());
        assertEquals("sip:a@127.0.0.1, Carol", view.peerAddress());
    }
}

package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.Conference;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.HookFlash;
import dev.switchboard.core.call.capability.Transfer;

class CallControlsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

    private static FakeCall call(String id, CallState state, int secondsAfterT0) {
        return new FakeCall(id, "alice", state, T0.plusSeconds(secondsAfterT0));
    }

    /** A call offering every capability. */
    private static FakeCall full(String id, CallState state, int secondsAfterT0) {
        return call(id, state, secondsAfterT0).withHold().withMute().withRecord()
                .with(Dtmf.class, digits -> { })
                .with(HookFlash.class, () -> { })
                .with(Transfer.class, address -> { })
                .with(AttendedTransfer.class, consultation -> { })
                .with(Conference.class, new Conference() {
                    @Override
                    public void merge(dev.switchboard.core.call.Call other) {
                    }

                    @Override
                    public void split(dev.switchboard.core.call.Call other) {
                    }
                });
    }

    private static CallBoard board(FakeCall... calls) {
        return new CallBoard(true, List.of(calls).stream().map(CallView::of).toList());
    }

    private static Set<CallAction> enabled(FakeCall call, CallBoard board) {
        return CallControls.enabled(board.call(call.id()).orElseThrow(), board);
    }

    @Test
    void aRingingCallOffersOnlyAnswerAndRejectWhateverItsCapabilities() {
        FakeCall ringing = full("a", CallState.RINGING_IN, 0);
        assertEquals(EnumSet.of(CallAction.ANSWER, CallAction.REJECT), enabled(ringing, board(ringing)));
    }

    @Test
    void aConnectedCallWithoutCapabilitiesCanOnlyBeHungUp() {
        FakeCall bare = call("a", CallState.CONNECTED, 0);
        assertEquals(EnumSet.of(CallAction.HANG_UP), enabled(bare, board(bare)));
    }

    @Test
    void aConnectedCallOffersWhatItsProtocolOffers() {
        FakeCall connected = full("a", CallState.CONNECTED, 0);
        assertEquals(EnumSet.of(CallAction.HANG_UP, CallAction.MUTE, CallAction.HOLD, CallAction.TRANSFER,
                CallAction.ATTENDED_TRANSFER, CallAction.RECORD, CallAction.KEYPAD), enabled(connected, board(connected)));
        FakeCall onlyHold = call("b", CallState.CONNECTED, 0).withHold();
        assertEquals(EnumSet.of(CallAction.HANG_UP, CallAction.HOLD), enabled(onlyHold, board(onlyHold)));
    }

    @Test
    void aCallStillRingingOutCanOnlyBeCancelled() {
        FakeCall dialling = full("a", CallState.RINGING_OUT, 0);
        assertEquals(EnumSet.of(CallAction.HANG_UP), enabled(dialling, board(dialling)));
        FakeCall transferring = full("b", CallState.TRANSFERRING, 0);
        assertEquals(EnumSet.of(CallAction.HANG_UP), enabled(transferring, board(transferring)));
    }

    @Test
    void aHeldCallCannotMuteOrSendTonesButCanResume() {
        FakeCall held = full("a", CallState.ON_HOLD, 0);
        CallBoard board = board(held);
        Set<CallAction> actions = enabled(held, board);
        assertTrue(actions.contains(CallAction.HOLD));
        assertTrue(!actions.contains(CallAction.MUTE) && !actions.contains(CallAction.KEYPAD), actions.toString());
        assertEquals("Resume", CallControls.label(CallAction.HOLD, board.calls().getFirst(), board));
    }

    @Test
    void togglesSayWhatTheyWillDo() {
        FakeCall call = full("a", CallState.CONNECTED, 0);
        call.muted = true;
        call.recording = true;
        CallBoard board = board(call);
        CallView view = board.calls().getFirst();
        assertEquals("Unmute", CallControls.label(CallAction.MUTE, view, board));
        assertEquals("Hold", CallControls.label(CallAction.HOLD, view, board));
        assertEquals("Stop recording", CallControls.label(CallAction.RECORD, view, board));
    }

    @Test
    void mergeNeedsAnotherSettledCall() {
        FakeCall first = full("a", CallState.CONNECTED, 0);
        assertTrue(!enabled(first, board(first)).contains(CallAction.MERGE));
        FakeCall ringingOut = full("b", CallState.RINGING_OUT, 5);
        assertTrue(!enabled(first, board(first, ringingOut)).contains(CallAction.MERGE));
        FakeCall held = full("c", CallState.ON_HOLD, 9);
        assertTrue(enabled(first, board(first, ringingOut, held)).contains(CallAction.MERGE));
        assertEquals(List.of("c"), CallControls.others(CallView.of(first), board(first, ringingOut, held)).stream()
                .map(CallView::id).toList());
    }

    @Test
    void attendedTransferConsultsFirstThenCompletesWithTheNewerConnectedCallOfTheSameAccount() {
        FakeCall original = full("a", CallState.ON_HOLD, 0);
        CallBoard alone = board(original);
        assertEquals("Consult…", CallControls.label(CallAction.ATTENDED_TRANSFER, alone.calls().getFirst(), alone));

        FakeCall consultation = full("b", CallState.CONNECTED, 30);
        FakeCall otherAccount = new FakeCall("c", "work", CallState.CONNECTED, T0.plusSeconds(40)).withHold();
        CallBoard both = board(original, consultation, otherAccount);
        CallView held = both.call("a").orElseThrow();
        assertEquals(Optional.of("b"), CallControls.consultation(held, both).map(CallView::id));
        assertEquals("Complete transfer", CallControls.label(CallAction.ATTENDED_TRANSFER, held, both));
        // the consultation itself is not held, so it offers no completion back to the original
        assertEquals(Optional.empty(), CallControls.consultation(both.call("b").orElseThrow(), both));
    }

    @Test
    void aHeldCallSwapsWithTheConnectedOneWhenBothCanHold() {
        FakeCall held = full("a", CallState.ON_HOLD, 0);
        FakeCall talking = full("b", CallState.CONNECTED, 10);
        assertTrue(enabled(held, board(held, talking)).contains(CallAction.SWAP));
        assertTrue(!enabled(talking, board(held, talking)).contains(CallAction.SWAP));
        FakeCall cannotHold = call("c", CallState.CONNECTED, 10);
        assertTrue(!enabled(held, board(held, cannotHold)).contains(CallAction.SWAP));
    }

    @Test
    void answeringAWaitingCallHoldsTheCallBeingTalkedOn() {
        FakeCall talking = full("a", CallState.CONNECTED, 0);
        FakeCall waiting = full("b", CallState.RINGING_IN, 10);
        CallBoard board = board(talking, waiting);
        assertEquals(List.of("a"), CallControls.toHoldBeforeAnswering(board.call("b").orElseThrow(), board).stream()
                .map(CallView::id).toList());
    }

    @Test
    void shortcutsPickTheRightCall() {
        FakeCall older = full("a", CallState.RINGING_IN, 0);
        FakeCall newer = full("b", CallState.RINGING_IN, 5);
        FakeCall held = full("c", CallState.ON_HOLD, 1);
        CallBoard ringing = board(newer, older, held);
        assertEquals(Optional.of("a"), CallControls.toAnswer(ringing).map(CallView::id));
        // a ringing call is never hung up by the shortcut; the held one is
        assertEquals(Optional.of("c"), CallControls.toHangUp(ringing).map(CallView::id));
        assertEquals(Optional.empty(), CallControls.toMute(ringing));

        FakeCall talking = full("d", CallState.CONNECTED, 2);
        FakeCall dialling = full("e", CallState.RINGING_OUT, 3);
        CallBoard busy = board(held, talking, dialling);
        assertEquals(Optional.of("d"), CallControls.toHangUp(busy).map(CallView::id));
        assertEquals(Optional.of("d"), CallControls.toMute(busy).map(CallView::id));
        assertEquals(Optional.of("e"), CallControls.toHangUp(board(held, dialling)).map(CallView::id));
    }
}

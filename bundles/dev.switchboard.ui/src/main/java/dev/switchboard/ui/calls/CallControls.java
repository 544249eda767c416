package dev.switchboard.ui.calls;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.switchboard.core.call.CallState;
import dev.switchboard.ui.calls.CallView.Feature;

/**
 * Which actions a call's row offers, decided only from the call's state, the capabilities its
 * protocol offers and the other calls. Free of SWT so that every rule is tested on its own.
 */
public final class CallControls {

    private CallControls() {
    }

    /** The actions that may be used on {@code call} now. */
    public static Set<CallAction> enabled(CallView call, CallBoard board) {
        Set<CallAction> actions = EnumSet.noneOf(CallAction.class);
        CallState state = call.state();
        if (state == CallState.ENDED) {
            return actions;
        }
        if (state == CallState.RINGING_IN) {
            actions.add(CallAction.ANSWER);
            actions.add(CallAction.REJECT);
            return actions;
        }
        actions.add(CallAction.HANG_UP);
        boolean talking = state == CallState.CONNECTED || state == CallState.REMOTE_HOLD;
        boolean settled = talking || state == CallState.ON_HOLD;
        if (call.offers(Feature.MUTE) && talking) {
            actions.add(CallAction.MUTE);
        }
        if (call.offers(Feature.HOLD) && settled) {
            actions.add(CallAction.HOLD);
        }
        if (call.offers(Feature.TRANSFER) && settled) {
            actions.add(CallAction.TRANSFER);
        }
        if (call.offers(Feature.ATTENDED_TRANSFER) && settled) {
            actions.add(CallAction.ATTENDED_TRANSFER);
        }
        if (call.offers(Feature.CONFERENCE) && settled && !others(call, board).isEmpty()) {
            actions.add(CallAction.MERGE);
        }
        if (call.offers(Feature.RECORD) && (settled || call.recording())) {
            actions.add(CallAction.RECORD);
        }
        if (call.offers(Feature.DTMF) && state == CallState.CONNECTED) {
            actions.add(CallAction.KEYPAD);
        }
        if (swapPartner(call, board).isPresent()) {
            actions.add(CallAction.SWAP);
        }
        return actions;
    }

    /** The button's text for {@code action} on {@code call}: toggles say what they will do. */
    public static String label(CallAction action, CallView call, CallBoard board) {
        return switch (action) {
            case MUTE -> call.muted() ? "Unmute" : "Mute";
            case HOLD -> call.state() == CallState.ON_HOLD ? "Resume" : "Hold";
            case RECORD -> call.recording() ? "Stop recording" : "Record";
            case ATTENDED_TRANSFER -> consultation(call, board).isPresent() ? "Complete transfer" : "Consult…";
            default -> action.label();
        };
    }

    /**
     * The call that completes an attended transfer of {@code call}: while {@code call} is held, the
     * newest other connected call of the same account (the consultation with the transfer target).
     */
    public static Optional<CallView> consultation(CallView call, CallBoard board) {
        if (call.state() != CallState.ON_HOLD) {
            return Optional.empty();
        }
        return board.calls().stream()
                .filter(other -> !other.id().equals(call.id()))
                .filter(other -> other.accountId().equals(call.accountId()))
                .filter(other -> other.state() == CallState.CONNECTED || other.state() == CallState.REMOTE_HOLD)
                .max(CallBoard.ORDER);
    }

    /**
     * The connected call that a held {@code call} swaps with (call waiting: talk to one, hold the
     * other). Both must be able to hold.
     */
    public static Optional<CallView> swapPartner(CallView call, CallBoard board) {
        if (call.state() != CallState.ON_HOLD || !call.offers(Feature.HOLD)) {
            return Optional.empty();
        }
        return board.calls().stream()
                .filter(other -> !other.id().equals(call.id()))
                .filter(other -> other.state() == CallState.CONNECTED && other.offers(Feature.HOLD))
                .max(Comparator.comparing(CallView::createdAt));
    }

    /** The other calls a conference merge of {@code call} takes in: every other settled call. */
    public static List<CallView> others(CallView call, CallBoard board) {
        return board.calls().stream()
                .filter(other -> !other.id().equals(call.id()))
                .filter(other -> other.state() == CallState.CONNECTED || other.state() == CallState.ON_HOLD
                        || other.state() == CallState.REMOTE_HOLD)
                .toList();
    }

    /** Calls to put on hold before answering {@code ringing}, so that the user talks to one at a time. */
    public static List<CallView> toHoldBeforeAnswering(CallView ringing, CallBoard board) {
        return board.calls().stream()
                .filter(other -> !other.id().equals(ringing.id()))
                .filter(other -> other.state() == CallState.CONNECTED && other.offers(Feature.HOLD))
                .toList();
    }

    /** The call the answer shortcut answers: the one ringing longest. */
    public static Optional<CallView> toAnswer(CallBoard board) {
        return board.ringing().stream().findFirst();
    }

    /**
     * The call the hang-up shortcut ends: the one being talked on, else the newest outgoing call
     * still ringing, else the newest held call. A ringing incoming call is rejected with its own
     * button, never by this shortcut, so a call arriving just as the user hangs up is not lost.
     */
    public static Optional<CallView> toHangUp(CallBoard board) {
        return board.talking()
                .or(() -> newest(board, CallState.DIALING, CallState.RINGING_OUT))
                .or(() -> newest(board, CallState.ON_HOLD, CallState.REMOTE_HOLD, CallState.TRANSFERRING));
    }

    /** The call the mute shortcut toggles: the one being talked on, when it can mute. */
    public static Optional<CallView> toMute(CallBoard board) {
        return board.talking().filter(call -> call.offers(Feature.MUTE));
    }

    private static Optional<CallView> newest(CallBoard board, CallState... states) {
        Set<CallState> wanted = EnumSet.of(states[0], states);
        return board.calls().stream().filter(call -> wanted.contains(call.state())).max(CallBoard.ORDER);
    }
}

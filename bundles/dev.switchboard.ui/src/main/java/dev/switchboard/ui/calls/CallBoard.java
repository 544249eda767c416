package dev.switchboard.ui.calls;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.call.CallState;

/**
 * Every call that has not ended, as one immutable value so that the UI thread always renders a
 * consistent picture however the core's events interleave.
 *
 * @param callServiceRunning {@code false} while no call manager runs: nothing can be dialled then
 * @param calls              oldest first, so rows keep their place while states change
 */
public record CallBoard(boolean callServiceRunning, List<CallView> calls) {

    /** Oldest first; the id breaks ties between calls created in the same instant. */
    static final Comparator<CallView> ORDER = Comparator.comparing(CallView::createdAt)
            .thenComparing(CallView::id);

    // after ORDER: the constructor sorts with it
    /** What to show when not even the call tracker is running. */
    public static final CallBoard NOTHING_RUNNING = new CallBoard(false, List.of());

    public CallBoard {
        calls = calls.stream().sorted(ORDER).toList();
    }

    public Optional<CallView> call(String id) {
        return calls.stream().filter(call -> call.id().equals(id)).findFirst();
    }

    /**
     * The call the user is talking on: the connected one, or of several (a conference is one call)
     * the one connected last. Keypad digits go to it as DTMF.
     */
    public Optional<CallView> talking() {
        return calls.stream()
                .filter(call -> call.state() == CallState.CONNECTED)
                .max(Comparator.comparing(CallView::connectedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(ORDER));
    }

    /** Calls ringing for us, oldest first. */
    public List<CallView> ringing() {
        return calls.stream().filter(call -> call.state() == CallState.RINGING_IN).toList();
    }
}

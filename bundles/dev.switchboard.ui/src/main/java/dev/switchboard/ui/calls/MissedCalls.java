package dev.switchboard.ui.calls;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;

/**
 * Counts the calls missed since the user last looked: a call that rang here and ended unanswered
 * because the caller gave up (or it rang out). Calls the user rejected or forwarded, and calls
 * answered elsewhere, are not missed. Fed every {@link CallBoard}; confined to one thread.
 */
public final class MissedCalls {

    private static final Set<EndReason.Kind> GAVE_UP = EnumSet.of(EndReason.Kind.REMOTE_HANGUP,
            EndReason.Kind.CANCELLED, EndReason.Kind.NO_ANSWER);

    /** The calls seen ringing and not yet seen leave RINGING_IN. */
    private final Map<String, Call> ringing = new HashMap<>();
    private int count;

    /** @return whether the count changed */
    public boolean update(CallBoard board) {
        Set<String> stillRinging = board.ringing().stream().map(CallView::id).collect(Collectors.toSet());
        int before = count;
        ringing.entrySet().removeIf(entry -> {
            if (stillRinging.contains(entry.getKey())) {
                return false;
            }
            Call call = entry.getValue();
            // the live call decides: the board may have dropped it before or after it ended
            if (call.state() == CallState.ENDED && call.connectedAt().isEmpty()
                    && call.endReason().map(reason -> GAVE_UP.contains(reason.kind())).orElse(false)) {
                count++;
            }
            return call.state() != CallState.RINGING_IN;
        });
        board.ringing().forEach(view -> ringing.putIfAbsent(view.id(), view.call()));
        return count != before;
    }

    public int count() {
        return count;
    }

    /** The user has seen them (opened the window from the tray, looked at the history). */
    public boolean seen() {
        boolean had = count > 0;
        count = 0;
        return had;
    }
}

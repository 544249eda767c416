package dev.switchboard.ui.calls;

import java.time.Duration;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Direction;
import dev.switchboard.core.call.capability.QualityIndicator.Rating;

/** The words and numbers of a call's row, free of SWT so that they can be tested on their own. */
public final class CallText {

    private CallText() {
    }

    public static String state(CallState state, Direction direction) {
        return switch (state) {
            case DIALING -> "Dialling…";
            case RINGING_OUT -> "Ringing…";
            case RINGING_IN -> "Incoming call";
            case CONNECTED -> "Connected";
            case ON_HOLD -> "On hold";
            case REMOTE_HOLD -> "Held by the other side";
            case TRANSFERRING -> "Transferring…";
            case ENDED -> direction == Direction.INCOMING ? "Call ended" : "Ended";
        };
    }

    /**
     * Talk time as a clock: "0:07", "12:34", "1:02:03". Negative durations (the clock stepped back
     * after the call connected) show as "0:00" rather than something absurd.
     */
    public static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0
                ? String.format("%d:%02d:%02d", hours, minutes, rest)
                : String.format("%d:%02d", minutes, rest);
    }

    /** The words beside the quality dot; empty while nothing is measured, so no dot is shown. */
    public static String quality(Rating rating) {
        return switch (rating) {
            case GOOD -> "Good line";
            case FAIR -> "Fair line";
            case POOR -> "Poor line";
            case UNKNOWN -> "";
        };
    }
}

package dev.switchboard.ui.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import dev.switchboard.history.CallRecord;
import dev.switchboard.ui.calls.CallText;

/**
 * Which past calls the history view lists, and the words of each row; free of SWT so that it can be
 * tested on its own.
 */
public enum CallFilter {
    ALL("All calls"), MISSED("Missed"), INCOMING("Received"), OUTGOING("Dialled");

    private final String label;

    CallFilter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** An incoming call never answered (it rang out, was rejected, or forwarded). */
    public static boolean missed(CallRecord call) {
        return "INCOMING".equals(call.direction()) && call.connectedAt().isEmpty();
    }

    public boolean accepts(CallRecord call) {
        return switch (this) {
            case ALL -> true;
            case MISSED -> missed(call);
            case INCOMING -> "INCOMING".equals(call.direction()) && call.connectedAt().isPresent();
            case OUTGOING -> "OUTGOING".equals(call.direction());
        };
    }

    /** The calls this filter accepts whose name or address contains {@code text} (any case), in order. */
    public List<CallRecord> apply(List<CallRecord> calls, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return calls.stream().filter(this::accepts)
                .filter(call -> wanted.isEmpty() || call.peer().toLowerCase(Locale.ROOT).contains(wanted)
                        || call.peerName().toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
    }

    /**
     * "Forwarded" (sent on unanswered, by a rule or by the user), "Missed", "Received", "Dialled" or
     * "Not answered" (an outgoing call that never connected).
     */
    public static String kind(CallRecord call) {
        if (missed(call) && "FORWARDED".equals(call.endReason())) {
            return "Forwarded";
        }
        if (missed(call)) {
            return "Missed";
        }
        if ("INCOMING".equals(call.direction())) {
            return "Received";
        }
        return call.connectedAt().isPresent() ? "Dialled" : "Not answered";
    }

    /** The talk time ("3:07"), or empty for a call that never connected. */
    public static String duration(CallRecord call) {
        return call.connectedAt().map(connected -> CallText.elapsed(Duration.between(connected, call.endedAt())))
                .orElse("");
    }

    /** "14:05" today, "Mon 14:05" within a week, else "3 Nov 14:05". */
    public static String when(Instant at, Instant now, ZoneId zone) {
        var time = at.atZone(zone);
        LocalDate day = time.toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (day.equals(today)) {
            return time.format(DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH));
        }
        if (day.isAfter(today.minusDays(7))) {
            return time.format(DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH));
        }
        return time.format(DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH));
    }

    /** The name if the call carried one, else the address. */
    public static String who(CallRecord call) {
        return call.peerName().isBlank() ? call.peer() : call.peerName();
    }
}

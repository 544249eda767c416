package dev.switchboard.ui;

/**
 * Topics the window's own pieces post on e4's event broker, for news no core service reports: the
 * user's own availability changed from this window, and the user looked at the calls they missed.
 */
public final class UiTopics {

    /** Data: the new {@link dev.switchboard.core.presence.Availability}. */
    public static final String AVAILABILITY = "dev/switchboard/ui/AVAILABILITY";
    /** No data: the missed calls have been seen (the History view was shown). */
    public static final String MISSED_SEEN = "dev/switchboard/ui/MISSED_SEEN";

    private UiTopics() {
    }
}

package dev.switchboard.ui.status;

import java.util.List;

/**
 * Everything the status area shows, as one immutable value so the UI thread always renders a
 * consistent picture however the core's events interleave.
 *
 * @param accountServiceRunning      {@code false} while no account registry runs: the list is then
 *                                   empty for lack of knowledge, not because nothing is configured
 * @param registrationServiceRunning {@code false} while no registration manager runs: nobody can be
 *                                   registered then, and the states are not worth showing
 * @param accounts                   sorted by display name
 */
public record StatusBoard(boolean accountServiceRunning, boolean registrationServiceRunning,
        List<AccountStatus> accounts) {

    /** What to show when not even the status tracker is running. */
    public static final StatusBoard NOTHING_RUNNING = new StatusBoard(false, false, List.of());

    public StatusBoard {
        accounts = List.copyOf(accounts);
    }
}

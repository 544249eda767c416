package dev.switchboard.ui.dialpad;

import java.util.List;
import java.util.Optional;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.ui.status.AccountStatus;
import dev.switchboard.ui.status.StatusBoard;
import dev.switchboard.ui.status.StatusText;

/**
 * Which accounts a call can be placed from, and which one is picked: only registered accounts can
 * call; the one the user chose last is preferred while it stays registered. Free of SWT.
 */
public final class DialChoice {

    private DialChoice() {
    }

    /** The registered accounts, in the status area's order (by display name). */
    public static List<AccountStatus> callable(StatusBoard board) {
        if (!board.registrationServiceRunning()) {
            return List.of();
        }
        return board.accounts().stream()
                .filter(account -> account.state().kind() == RegistrationState.Kind.REGISTERED)
                .toList();
    }

    /** The remembered account if it can call, otherwise the first that can. */
    public static Optional<AccountStatus> preferred(StatusBoard board, String remembered) {
        List<AccountStatus> callable = callable(board);
        return callable.stream().filter(account -> account.accountId().equals(remembered)).findFirst()
                .or(() -> callable.stream().findFirst());
    }

    /** Why nothing can be dialled when {@link #callable} is empty, as a sentence for the user. */
    public static String whyNoAccount(StatusBoard board) {
        if (!board.accountServiceRunning()) {
            return "Cannot call: the account service is not running.";
        }
        if (board.accounts().isEmpty()) {
            return "Cannot call: no account is set up. Add one under Switchboard \u203A Accounts\u2026";
        }
        if (!board.registrationServiceRunning()) {
            return "Cannot call: the registration service is not running.";
        }
        AccountStatus first = board.accounts().getFirst();
        String more = board.accounts().size() > 1 ? " (and " + (board.accounts().size() - 1) + " more)" : "";
        return "Cannot call: no account is registered \u2014 " + first.displayName() + ": "
                + StatusText.state(first.state()) + more + ".";
    }
}

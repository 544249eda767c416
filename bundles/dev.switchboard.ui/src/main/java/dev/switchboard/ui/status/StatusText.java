package dev.switchboard.ui.status;

import java.util.List;

import dev.switchboard.core.account.RegistrationState;

/** The words of the status area, free of SWT so that they can be tested on their own. */
public final class StatusText {

    public static final String NO_ACCOUNTS = "No accounts configured";
    public static final String ACCOUNTS_UNAVAILABLE = "Accounts unavailable: the account service is not running";
    public static final String REGISTRATION_UNAVAILABLE = "registration service not running";

    private StatusText() {
    }

    /**
     * One line per account, or a single line saying why there are none. This is also the text
     * that tests and assistive technology read.
     */
    public static List<String> lines(StatusBoard board) {
        if (!board.accountServiceRunning()) {
            return List.of(ACCOUNTS_UNAVAILABLE);
        }
        if (board.accounts().isEmpty()) {
            return List.of(NO_ACCOUNTS);
        }
        return board.accounts().stream()
                .map(account -> entry(account, board.registrationServiceRunning()))
                .toList();
    }

    /** Longest entry shown in the status bar; a longer reason is cut (the whole line is the entry's tooltip). */
    public static final int SHOWN_LENGTH = 80;

    /** The entry as the status bar shows it: cut after {@link #SHOWN_LENGTH} characters with an ellipsis. */
    public static String shown(String entry) {
        return entry.length() <= SHOWN_LENGTH ? entry : entry.substring(0, SHOWN_LENGTH - 1).stripTrailing() + "\u2026";
    }

    /** For example "alice: connection lost — no answer from registrar". */
    public static String entry(AccountStatus account, boolean registrationServiceRunning) {
        String name = account.displayName().equals(account.accountId())
                ? account.accountId()
                : account.displayName() + " (" + account.accountId() + ")";
        return name + ": " + (registrationServiceRunning ? state(account.state()) : REGISTRATION_UNAVAILABLE);
    }

    public static String state(RegistrationState state) {
        return switch (state.kind()) {
            case UNREGISTERED -> "not registered";
            case REGISTERING -> "registering…";
            case REGISTERED -> "registered";
            case FAILED -> "registration failed — " + state.reason();
            case CONNECTION_LOST -> "connection lost — " + state.reason();
        };
    }

    /**
     * The link offered next to an account: "Retry" after a failure or a lost connection, "Connect"
     * when it is not registered, nothing while registering or registered.
     */
    public static String connectAction(RegistrationState state) {
        return switch (state.kind()) {
            case FAILED, CONNECTION_LOST -> "Retry";
            case UNREGISTERED -> "Connect";
            case REGISTERING, REGISTERED -> "";
        };
    }
}

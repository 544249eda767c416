package dev.switchboard.ui.dialpad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.ui.status.AccountStatus;
import dev.switchboard.ui.status.StatusBoard;

class DialChoiceTest {

    private static final AccountStatus ALICE = new AccountStatus("alice", "Alice", RegistrationState.REGISTERED);
    private static final AccountStatus BOB = new AccountStatus("bob", "Bob", RegistrationState.connectionLost("no answer"));
    private static final AccountStatus WORK = new AccountStatus("work", "Work", RegistrationState.REGISTERED);

    @Test
    void onlyRegisteredAccountsCanCall() {
        StatusBoard board = new StatusBoard(true, true, List.of(ALICE, BOB, WORK));
        assertEquals(List.of(ALICE, WORK), DialChoice.callable(board));
        assertEquals(List.of(), DialChoice.callable(new StatusBoard(true, false, List.of(ALICE))));
    }

    @Test
    void theRememberedAccountIsPreferredWhileItIsRegistered() {
        StatusBoard board = new StatusBoard(true, true, List.of(ALICE, BOB, WORK));
        assertEquals(Optional.of(WORK), DialChoice.preferred(board, "work"));
        assertEquals(Optional.of(ALICE), DialChoice.preferred(board, "bob"));
        assertEquals(Optional.of(ALICE), DialChoice.preferred(board, ""));
        assertEquals(Optional.empty(), DialChoice.preferred(new StatusBoard(true, true, List.of(BOB)), "bob"));
    }

    @Test
    void saysWhyNothingCanBeDialled() {
        assertEquals("Cannot call: no account is set up. Add one under Switchboard \u203A Accounts\u2026",
                DialChoice.whyNoAccount(new StatusBoard(true, true, List.of())));
        assertEquals("Cannot call: no account is registered \u2014 Bob: connection lost \u2014 no answer.",
                DialChoice.whyNoAccount(new StatusBoard(true, true, List.of(BOB))));
        assertEquals("Cannot call: the account service is not running.", DialChoice.whyNoAccount(StatusBoard.NOTHING_RUNNING));
    }
}

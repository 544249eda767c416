package dev.switchboard.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.RegistrationState;

class StatusTextTest {

    @Test
    void saysWhenTheAccountServiceIsMissing() {
        assertEquals(List.of(StatusText.ACCOUNTS_UNAVAILABLE), StatusText.lines(StatusBoard.NOTHING_RUNNING));
    }

    @Test
    void saysWhenNoAccountIsConfigured() {
        assertEquals(List.of("No accounts configured"), StatusText.lines(new StatusBoard(true, true, List.of())));
    }

    @Test
    void namesEachAccountWithItsStateAndReason() {
        StatusBoard board = new StatusBoard(true, true, List.of(
                new AccountStatus("alice", "alice", RegistrationState.connectionLost("no answer from registrar")),
                new AccountStatus("bob", "Bob Builder", RegistrationState.failed("403 Forbidden")),
                new AccountStatus("carol", "carol", RegistrationState.REGISTERED),
                new AccountStatus("dave", "dave", RegistrationState.REGISTERING),
                new AccountStatus("erin", "erin", RegistrationState.UNREGISTERED)));

        assertEquals(List.of(
                "alice: connection lost — no answer from registrar",
                "Bob Builder (bob): registration failed — 403 Forbidden",
                "carol: registered",
                "dave: registering…",
                "erin: not registered"), StatusText.lines(board));
    }

    @Test
    void doesNotShowStatesNobodyMaintains() {
        StatusBoard board = new StatusBoard(true, false,
                List.of(new AccountStatus("alice", "alice", RegistrationState.UNREGISTERED)));

        assertEquals(List.of("alice: registration service not running"), StatusText.lines(board));
    }

    @Test
    void offersRetryAfterAFailureAndConnectWhenNotRegistered() {
        assertEquals("Retry", StatusText.connectAction(RegistrationState.connectionLost("no answer from registrar")));
        assertEquals("Retry", StatusText.connectAction(RegistrationState.failed("401 Unauthorized")));
        assertEquals("Connect", StatusText.connectAction(RegistrationState.UNREGISTERED));
        assertEquals("", StatusText.connectAction(RegistrationState.REGISTERING));
        assertEquals("", StatusText.connectAction(RegistrationState.REGISTERED));
    }
}

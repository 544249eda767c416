package dev.switchboard.ui.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aLongReasonIsCutForTheStatusBar() {
        String shortLine = "alice: registered";
        assertEquals(shortLine, StatusText.shown(shortLine));
        String longLine = "Alice (alice): connection lost \u2014 cannot reach registrar 127.0.0.1:36481: Could not connect to"
                + " /127.0.0.1:36481";
        String shown = StatusText.shown(longLine);
        assertTrue(shown.length() <= StatusText.SHOWN_LENGTH && shown.length() > StatusText.SHOWN_LENGTH - 5, shown);
        assertTrue(shown.endsWith("\u2026") && longLine.startsWith(shown.substring(0, shown.length() - 1)), shown);
    }
}

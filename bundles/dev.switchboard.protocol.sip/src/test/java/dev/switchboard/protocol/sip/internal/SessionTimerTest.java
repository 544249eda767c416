package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionTimerTest {

    @Test
    void readsIntervalAndRefresher() {
        assertEquals(Optional.of(new SessionTimer(1800, "uac")), SessionTimer.parse("1800;refresher=uac"));
        assertEquals(Optional.of(new SessionTimer(90, "uas")), SessionTimer.parse(" 90 ; Refresher=UAS "));
        assertEquals(Optional.of(new SessionTimer(4000, "")), SessionTimer.parse("4000"));
    }

    @Test
    void unreadableValuesAreAbsentAndUnknownRefreshersOpen() {
        assertEquals(Optional.empty(), SessionTimer.parse("soon"));
        assertEquals(Optional.empty(), SessionTimer.parse("0"));
        assertEquals(Optional.of(new SessionTimer(600, "")), SessionTimer.parse("600;refresher=proxy"));
    }

    @Test
    void refreshAtHalfAndGiveUpBeforeTheEnd() {
        SessionTimer half = new SessionTimer(1800, "uac");
        assertEquals(900_000, half.refreshAfterMillis());
        // RFC 4028 section 10: the interval minus the smaller of 32 s and a third of it
        assertEquals(1_768_000, half.expiryAfterMillis());
        assertEquals(60_000, new SessionTimer(90, "uas").expiryAfterMillis());
        assertEquals("90;refresher=uas", new SessionTimer(90, "uas").headerValue());
        assertEquals("90", new SessionTimer(90, "").headerValue());
    }
}

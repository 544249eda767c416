package dev.switchboard.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.history.CallRecord;

class CallFilterTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final CallRecord MISSED = new CallRecord("alice", "INCOMING", "sip:bob@127.0.0.1", "Bob", T,
            Optional.empty(), T.plusSeconds(20), "REMOTE_HANGUP", "");
    private static final CallRecord RECEIVED = new CallRecord("alice", "INCOMING", "sip:carol@127.0.0.1", "", T,
            Optional.of(T.plusSeconds(5)), T.plusSeconds(192), "LOCAL_HANGUP", "");
    private static final CallRecord DIALLED = new CallRecord("alice", "OUTGOING", "5551234", "Dave", T,
            Optional.of(T.plusSeconds(3)), T.plusSeconds(3 + 3723), "REMOTE_HANGUP", "");
    private static final CallRecord UNANSWERED = new CallRecord("alice", "OUTGOING", "5559999", "", T,
            Optional.empty(), T.plusSeconds(30), "BUSY", "");
    private static final List<CallRecord> ALL = List.of(MISSED, RECEIVED, DIALLED, UNANSWERED);

    @Test
    void eachFilterKeepsItsKindOfCall() {
        assertEquals(ALL, CallFilter.ALL.apply(ALL, ""));
        assertEquals(List.of(MISSED), CallFilter.MISSED.apply(ALL, ""));
        assertEquals(List.of(RECEIVED), CallFilter.INCOMING.apply(ALL, ""));
        assertEquals(List.of(DIALLED, UNANSWERED), CallFilter.OUTGOING.apply(ALL, ""));
    }

    @Test
    void aForwardedCallSaysSoAndCountsAsNotAnswered() {
        CallRecord forwarded = new CallRecord("alice", "INCOMING", "sip:bob@127.0.0.1", "Bob", T, Optional.empty(),
                T.plusSeconds(4), "FORWARDED", "1099");
        assertEquals("Forwarded", CallFilter.kind(forwarded));
        assertEquals("Missed", CallFilter.kind(MISSED));
        assertEquals(List.of(forwarded), CallFilter.MISSED.apply(List.of(forwarded, RECEIVED), ""));
    }

    @Test
    void theSearchMatchesNameOrAddressInAnyCase() {
        assertEquals(List.of(MISSED), CallFilter.ALL.apply(ALL, " BOB "));
        assertEquals(List.of(DIALLED), CallFilter.ALL.apply(ALL, "dave"));
        assertEquals(List.of(DIALLED, UNANSWERED), CallFilter.ALL.apply(ALL, "555"));
        assertEquals(List.of(), CallFilter.MISSED.apply(ALL, "dave"));
    }

    @Test
    void rowsSayTheKindTheTalkTimeAndWho() {
        assertEquals("Missed", CallFilter.kind(MISSED));
        assertEquals("Received", CallFilter.kind(RECEIVED));
        assertEquals("Dialled", CallFilter.kind(DIALLED));
        assertEquals("Not answered", CallFilter.kind(UNANSWERED));
        assertEquals("", CallFilter.duration(MISSED));
        assertEquals("3:07", CallFilter.duration(RECEIVED));
        assertEquals("1:02:03", CallFilter.duration(DIALLED));
        assertEquals("sip:carol@127.0.0.1", CallFilter.who(RECEIVED));
        assertEquals("Bob", CallFilter.who(MISSED));
    }

    @Test
    void whenIsTheTimeTodayTheWeekdayThisWeekAndTheDateBefore() {
        assertEquals("10:00", CallFilter.when(T, T.plusSeconds(3600), ZoneOffset.UTC));
        assertEquals("Tue 10:00", CallFilter.when(T, T.plusSeconds(86_400 * 2), ZoneOffset.UTC));
        assertEquals("24 Nov 10:00", CallFilter.when(T, T.plusSeconds(86_400 * 30), ZoneOffset.UTC));
    }
}

package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.call.CallState;

class CallTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

    private final CallRelay relay = new CallRelay();
    /** Runs every step at once, so each call's effect is visible when it returns. */
    private final CallTracker tracker = new CallTracker(relay, Runnable::run);
    private final FakeManager manager = new FakeManager();

    @Test
    void knowsNothingBeforeTheCallManagerArrives() {
        assertEquals(CallBoard.NOTHING_RUNNING, tracker.current());
    }

    @Test
    void readsTheCallsOfTheManagerThenFollowsTheWhiteboard() {
        FakeCall existing = new FakeCall("a", "alice", CallState.CONNECTED, T0);
        manager.calls.add(existing);
        tracker.bindCallManager(manager);
        assertTrue(tracker.current().callServiceRunning());
        assertEquals(List.of("a"), ids());

        FakeCall incoming = new FakeCall("b", "alice", CallState.RINGING_IN, T0.plusSeconds(5));
        relay.callChanged(incoming, null);
        assertEquals(List.of("a", "b"), ids());
        assertEquals(CallState.RINGING_IN, tracker.current().call("b").orElseThrow().state());

        incoming.state = CallState.ENDED;
        relay.callChanged(incoming, CallState.RINGING_IN);
        assertEquals(List.of("a"), ids());
    }

    @Test
    void aLateEventDoesNotReviveACallThatHasEnded() {
        tracker.bindCallManager(manager);
        FakeCall call = new FakeCall("a", "alice", CallState.ENDED, T0);
        relay.callChanged(call, CallState.RINGING_OUT);
        assertEquals(List.of(), ids());
    }

    @Test
    void refreshReadsMuteAndRecordingAgainAndTellsTheWatchers() {
        tracker.bindCallManager(manager);
        FakeCall call = new FakeCall("a", "alice", CallState.CONNECTED, T0).withMute();
        relay.callChanged(call, CallState.RINGING_OUT);
        AtomicInteger told = new AtomicInteger();
        tracker.addWatcher(told::incrementAndGet);
        call.muted = true;
        assertFalse(tracker.current().call("a").orElseThrow().muted());
        tracker.refresh("a");
        assertTrue(tracker.current().call("a").orElseThrow().muted());
        assertEquals(1, told.get());
        tracker.refresh("unknown");
        assertEquals(1, told.get(), "a refresh of an unknown call changes nothing");
    }

    @Test
    void losingTheCallManagerEmptiesTheBoard() {
        manager.calls.add(new FakeCall("a", "alice", CallState.CONNECTED, T0));
        tracker.bindCallManager(manager);
        tracker.unbindCallManager(manager);
        assertEquals(CallBoard.NOTHING_RUNNING, tracker.current());
    }

    @Test
    void stopsListeningWhenDeactivated() {
        tracker.bindCallManager(manager);
        tracker.stopListening();
        relay.callChanged(new FakeCall("a", "alice", CallState.RINGING_IN, T0), null);
        assertEquals(List.of(), ids());
    }

    private List<String> ids() {
        return tracker.current().calls().stream().map(CallView::id).toList();
    }

    private static final class FakeManager implements CallManager {

        final List<Call> calls = new ArrayList<>();

        @Override
        public Call dial(String accountId, String address) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Call> calls() {
            return List.copyOf(calls);
        }

        @Override
        public Optional<Call> call(String id) {
            return calls.stream().filter(call -> call.id().equals(id)).findFirst();
        }
    }

    @Test
    void anIdentifiedCallerIsShownByNameUntilTheCallEnds() {
        tracker.bindCallManager(manager);
        FakeCall ringing = new FakeCall("b", "alice", CallState.RINGING_IN, T0);
        relay.callChanged(ringing, null);
        tracker.handleEvent(new org.osgi.service.event.Event(dev.switchboard.contacts.CallerIdentification.TOPIC,
                java.util.Map.of("call", "b", "name", "Bob Baker")));
        assertEquals("Bob Baker", tracker.current().call("b").orElseThrow().peerLabel());
        assertEquals("sip:b@127.0.0.1", tracker.current().call("b").orElseThrow().peerAddress());

        ringing.state = CallState.CONNECTED;
        relay.callChanged(ringing, CallState.RINGING_IN);
        assertEquals("Bob Baker", tracker.current().call("b").orElseThrow().peerLabel(), "the name is kept once connected");

        // an answer about a call that is not running changes nothing
        tracker.handleEvent(new org.osgi.service.event.Event(dev.switchboard.contacts.CallerIdentification.TOPIC,
                java.util.Map.of("call", "zz", "name", "Nobody")));
        assertEquals(List.of("b"), ids());
    }

    @Test
    void aNameThatArrivesBeforeItsCallIsAppliedWhenTheCallComes() {
        tracker.bindCallManager(manager);
        tracker.handleEvent(new org.osgi.service.event.Event(dev.switchboard.contacts.CallerIdentification.TOPIC,
                java.util.Map.of("call", "c", "name", "Carol Clarke")));
        relay.callChanged(new FakeCall("c", "alice", CallState.RINGING_IN, T0), null);
        assertEquals("Carol Clarke", tracker.current().call("c").orElseThrow().peerLabel());
    }
}

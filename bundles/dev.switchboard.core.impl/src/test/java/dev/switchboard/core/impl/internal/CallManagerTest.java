package dev.switchboard.core.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.policy.ForwardingRules;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceService;

class CallManagerTest {

    private final MemoryAccountRegistry accounts = new MemoryAccountRegistry();
    private final FakeProtocol protocol = new FakeProtocol();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private SessionHub hub;
    private DefaultRegistrationManager registrations;
    private DefaultCallManager calls;
    private Presence ownPresence = new Presence(Availability.AVAILABLE, "");

    private final PresenceService presence = new PresenceService() {
        @Override
        public Presence own() {
            return ownPresence;
        }

        @Override
        public void setOwn(Presence value) {
            ownPresence = value;
        }
    };

    @BeforeEach
    void wire() {
        hub = new SessionHub(accounts);
        hub.addProvider(protocol);
        registrations = new DefaultRegistrationManager(hub, accounts);
        calls = new DefaultCallManager(hub, accounts, registrations);
        calls.addListener(recorder());
        calls.addPolicy(new ForwardingPolicy(), Map.of("service.ranking", 300));
        calls.addPolicy(new DoNotDisturbPolicy(presence), Map.of("service.ranking", 200));
        calls.addPolicy(new CallWaitingPolicy(), Map.of("service.ranking", 100));
        calls.addPolicy(new AutoAnswerPolicy(), Map.of("service.ranking", 50));
        accounts.put(new Account("a1", "fake", Map.of("user", "alice")), "s3cret".toCharArray());
    }

    private CallListener recorder() {
        return (call, previous) -> events.add(call.id() + ":" + previous + "->" + call.state());
    }

    private FakeProtocol.FakeSession registered() {
        registrations.register("a1");
        FakeProtocol.FakeSession session = protocol.sessions.get("a1");
        session.listener.registrationChanged(RegistrationState.REGISTERED);
        assertEquals(RegistrationState.REGISTERED, registrations.state("a1"));
        return session;
    }

    @Test
    void theSessionGetsTheStoredSecret() {
        assertEquals("s3cret", registered().secretSeen);
    }

    @Test
    void dialingNeedsARegisteredAccount() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> calls.dial("a1", "bob"));
        assertTrue(error.getMessage().contains("not registered"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> calls.dial("nobody", "bob"));
    }

    @Test
    void anOutgoingCallFollowsWhatTheLegReports() {
        FakeProtocol.FakeSession session = registered();
        Call call = calls.dial("a1", " bob ");
        FakeProtocol.FakeLeg leg = session.dialled.get(0);
        assertEquals("bob", leg.remote().address());
        leg.listener.stateChanged(CallState.RINGING_OUT);
        leg.listener.stateChanged(CallState.CONNECTED);
        assertTrue(call.connectedAt().isPresent());
        call.hangup();

        assertEquals(List.of("c1:null->DIALING", "c1:DIALING->RINGING_OUT", "c1:RINGING_OUT->CONNECTED",
                "c1:CONNECTED->ENDED"), events);
        assertEquals(List.of("hangup"), leg.actions);
        assertEquals(EndReason.Kind.LOCAL_HANGUP, call.endReason().orElseThrow().kind());
        assertTrue(calls.calls().isEmpty());
        assertEquals(call, calls.call("c1").orElseThrow(), "an ended call can still be looked up");
        assertThrows(IllegalStateException.class, call::hangup);
    }

    @Test
    void digitsTheFarEndSendsReachCallListenersAndOthersAreDropped() {
        List<String> digits = new CopyOnWriteArrayList<>();
        calls.addListener(new CallListener() {
            @Override
            public void callChanged(Call call, CallState previous) {
            }

            @Override
            public void dtmfReceived(Call call, char digit) {
                digits.add(call.id() + ":" + digit);
            }
        });
        FakeProtocol.FakeSession session = registered();
        calls.dial("a1", "bob");
        FakeProtocol.FakeLeg leg = session.dialled.get(0);
        leg.listener.stateChanged(CallState.CONNECTED);
        leg.listener.dtmfReceived('5');
        leg.listener.dtmfReceived('x');
        leg.listener.dtmfReceived('#');
        assertEquals(List.of("c1:5", "c1:#"), digits);
    }

    @Test
    void aNewFarEndIsAChangeToTheSameStateAndNothingOnceEnded() {
        FakeProtocol.FakeSession session = registered();
        Call call = calls.dial("a1", "bob");
        FakeProtocol.FakeLeg leg = session.dialled.get(0);
        leg.listener.stateChanged(CallState.CONNECTED);
        leg.listener.remoteChanged(new dev.switchboard.core.call.Participant("carol", "Carol"));
        call.hangup();
        leg.listener.remoteChanged(new dev.switchboard.core.call.Participant("dave", ""));
        assertEquals(List.of("c1:null->DIALING", "c1:DIALING->CONNECTED", "c1:CONNECTED->CONNECTED",
                "c1:CONNECTED->ENDED"), events);
    }

    @Test
    void anImpossibleReportEndsTheCallAsFailed() {
        FakeProtocol.FakeSession session = registered();
        Call call = calls.dial("a1", "bob");
        FakeProtocol.FakeLeg leg = session.dialled.get(0);
        leg.listener.stateChanged(CallState.ON_HOLD);
        assertEquals(CallState.ENDED, call.state());
        assertEquals(EndReason.Kind.FAILED, call.endReason().orElseThrow().kind());
        assertEquals(List.of("hangup"), leg.actions);
    }

    @Test
    void theFirstEndWinsAndLaterReportsAreIgnored() {
        FakeProtocol.FakeSession session = registered();
        Call call = calls.dial("a1", "bob");
        FakeProtocol.FakeLeg leg = session.dialled.get(0);
        leg.listener.ended(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"));
        leg.listener.ended(EndReason.of(EndReason.Kind.REMOTE_HANGUP));
        assertEquals(new EndReason(EndReason.Kind.BUSY, "486 Busy Here"), call.endReason().orElseThrow());
        assertEquals(2, events.size());
    }

    @Test
    void anIncomingCallRingsAndCanBeAnswered() {
        FakeProtocol.FakeSession session = registered();
        FakeProtocol.FakeLeg leg = session.ring("sip:carol@127.0.0.1");
        Call call = calls.calls().get(0);
        assertEquals(CallState.RINGING_IN, call.state());
        assertEquals("Caller", call.participants().get(0).displayName());
        call.answer();
        assertEquals(List.of("answer"), leg.actions);
        leg.listener.stateChanged(CallState.CONNECTED);
        assertEquals(CallState.CONNECTED, call.state());
        assertThrows(IllegalStateException.class, call::answer);
    }

    @Test
    void aRingingCallForwardedByTheUserEndsAsForwardedAndOnlyWhileRinging() {
        FakeProtocol.FakeSession session = registered();
        FakeProtocol.FakeLeg leg = session.ring("sip:carol@127.0.0.1");
        Call call = calls.calls().get(0);
        assertThrows(IllegalArgumentException.class, () -> call.forward(" "));
        call.forward(" sip:voicemail@127.0.0.1 ");
        assertEquals(List.of("forward sip:voicemail@127.0.0.1"), leg.actions);
        assertEquals(CallState.ENDED, call.state());
        EndReason reason = call.endReason().orElseThrow();
        assertEquals(EndReason.Kind.FORWARDED, reason.kind());
        assertThrows(IllegalStateException.class, () -> call.forward("sip:desk@127.0.0.1"));
    }

    @Test
    void doNotDisturbDeclinesWithoutRinging() {
        FakeProtocol.FakeSession session = registered();
        presence.setOwn(new Presence(Availability.DO_NOT_DISTURB, "focus"));
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertEquals(List.of("reject " + DoNotDisturbPolicy.DETAIL), leg.actions);
        assertEquals(List.of("c1:null->RINGING_IN", "c1:RINGING_IN->ENDED"), events);
        assertEquals(EndReason.Kind.REJECTED, calls.call("c1").orElseThrow().endReason().orElseThrow().kind());
    }

    @Test
    void forwardAlwaysOutranksDoNotDisturb() {
        FakeProtocol.FakeSession session = registered();
        accounts.put(accounts.account("a1").orElseThrow().with(Map.of("forward.always", "sip:voicemail@127.0.0.1")), null);
        session = registered();
        presence.setOwn(new Presence(Availability.DO_NOT_DISTURB, ""));
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertEquals(List.of("forward sip:voicemail@127.0.0.1"), leg.actions);
        assertEquals(EndReason.Kind.FORWARDED, calls.call("c1").orElseThrow().endReason().orElseThrow().kind());
    }

    @Test
    void withCallWaitingOffASecondCallIsBusyAndWithItOnItRings() {
        FakeProtocol.FakeSession session = registered();
        FakeProtocol.FakeLeg first = session.ring("carol");
        calls.call("c1").orElseThrow().answer();
        first.listener.stateChanged(CallState.CONNECTED);

        FakeProtocol.FakeLeg waiting = session.ring("dave");
        assertEquals(CallState.RINGING_IN, calls.call("c2").orElseThrow().state());
        assertTrue(waiting.actions.isEmpty());

        accounts.put(accounts.account("a1").orElseThrow().with(Map.of("callwaiting", "false")), null);
        FakeProtocol.FakeSession again = registered();
        FakeProtocol.FakeLeg busy = again.ring("erin");
        assertEquals(List.of("reject " + CallWaitingPolicy.DETAIL), busy.actions);
    }

    @Test
    void anUnansweredCallIsForwardedAfterTheDelay() throws InterruptedException {
        accounts.put(accounts.account("a1").orElseThrow().with(Map.of(
                "forward.noanswer", "sip:desk@127.0.0.1", "forward.noanswer.seconds", "1")), null);
        FakeProtocol.FakeSession session = registered();
        CountDownLatch forwarded = new CountDownLatch(1);
        calls.addListener((call, previous) -> {
            if (call.endReason().map(reason -> reason.kind() == EndReason.Kind.FORWARDED).orElse(false)) {
                forwarded.countDown();
            }
        });
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertTrue(forwarded.await(10, TimeUnit.SECONDS), "not forwarded");
        assertEquals(List.of("forward sip:desk@127.0.0.1"), leg.actions);
    }

    private FakeProtocol.FakeSession registeredWith(Map<String, String> settings) {
        accounts.put(accounts.account("a1").orElseThrow().with(settings), null);
        return registered();
    }

    @Test
    void autoAnswerAnswersARingingCallWithoutTheUser() throws InterruptedException {
        FakeProtocol.FakeSession session = registeredWith(Map.of("autoanswer", "true"));
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertTrue(leg.answered.await(10, TimeUnit.SECONDS), "not answered");
        assertEquals(List.of("answer"), leg.actions);
        leg.listener.stateChanged(CallState.CONNECTED);
        assertEquals(List.of("c1:null->RINGING_IN", "c1:RINGING_IN->CONNECTED"), events);
    }

    @Test
    void autoAnswerLetsTheCallRingForItsDelayFirst() throws InterruptedException {
        FakeProtocol.FakeSession session = registeredWith(Map.of("autoanswer", "true", "autoanswer.seconds", "1"));
        long start = System.nanoTime();
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertTrue(leg.answered.await(10, TimeUnit.SECONDS), "not answered");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(950), "answered before its delay");
        assertEquals(List.of("answer"), leg.actions);
    }

    @Test
    void autoAnswerNeverAnswersACallDoNotDisturbDeclines() throws InterruptedException {
        FakeProtocol.FakeSession session = registeredWith(Map.of("autoanswer", "true"));
        presence.setOwn(new Presence(Availability.DO_NOT_DISTURB, ""));
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertEquals(List.of("reject " + DoNotDisturbPolicy.DETAIL), leg.actions);
        assertEquals(EndReason.Kind.REJECTED, calls.call("c1").orElseThrow().endReason().orElseThrow().kind());
    }

    @Test
    void aBadAutoAnswerDelayIsReportedAndTheCallRingsForTheUser() {
        FakeProtocol.FakeSession session = registeredWith(Map.of("autoanswer", "true", "autoanswer.seconds", "soon"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ForwardingRules.autoAnswer(accounts.account("a1").orElseThrow()));
        assertTrue(error.getMessage().contains("autoanswer.seconds=soon"), error.getMessage());
        FakeProtocol.FakeLeg leg = session.ring("carol");
        assertEquals(CallState.RINGING_IN, calls.call("c1").orElseThrow().state());
        assertTrue(leg.actions.isEmpty());
    }
}

package dev.switchboard.protocol.sip.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.core.call.Participant;

/** Stands in for the core: records what a session reports, and lets a test wait for a report. */
class RecordingSessionListener implements SessionListener {

    private final BlockingQueue<RegistrationState> pending = new LinkedBlockingQueue<>();
    private final List<RegistrationState> all = new ArrayList<>();
    private final BlockingQueue<CallLeg> offered = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> presences = new LinkedBlockingQueue<>();
    private volatile java.util.function.Function<CallLeg, CallLegListener> calls = leg -> {
        leg.reject("busy");
        return null;
    };

    /** What happens to incoming calls (default: rejected as busy). */
    void onIncomingCall(java.util.function.Function<CallLeg, CallLegListener> handler) {
        calls = handler;
    }

    /** Waits for the next incoming call. */
    CallLeg awaitIncomingCall(Duration timeout) throws InterruptedException {
        CallLeg leg = offered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (leg == null) {
            throw new AssertionError("no incoming call within " + timeout.toMillis() + " ms");
        }
        return leg;
    }

    @Override
    public void registrationChanged(RegistrationState state) {
        synchronized (all) {
            all.add(state);
        }
        pending.add(state);
    }

    @Override
    public CallLegListener incomingCall(CallLeg leg, Participant caller) {
        offered.add(leg);
        return calls.apply(leg);
    }

    @Override
    public void messageReceived(Message message) {
        // registration tests receive no messages
    }

    @Override
    public void presenceChanged(String contact, Presence presence) {
        presences.add(contact + " " + presence.availability() + (presence.note().isEmpty() ? "" : " " + presence.note()));
    }

    /** The next presence report as "contact AVAILABILITY[ note]", or empty when none comes within {@code timeout}. */
    Optional<String> nextPresence(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(presences.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Waits for the next report matching {@code wanted}, skipping others.
     *
     * @throws AssertionError naming every report seen if none matches within {@code timeout}
     */
    RegistrationState await(Predicate<RegistrationState> wanted, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            RegistrationState next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; reports: " + history());
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    RegistrationState await(RegistrationState.Kind kind, Duration timeout) throws InterruptedException {
        return await(state -> state.kind() == kind, timeout, kind.name());
    }

    /** The next report within {@code timeout}, if any: for checking that nothing more happens. */
    Optional<RegistrationState> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    List<RegistrationState> history() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}

package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.switchboard.core.account.RegistrationState;

import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.SessionListener;

/** A session listener that keeps every report in order, for tests to wait on. */
class Recorder implements SessionListener {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    record Delivered(String peer, String messageId) {
    }

    record PresenceReport(String contact, Presence presence) {
    }

    private final BlockingQueue<Object> reports = new LinkedBlockingQueue<>();
    private final List<Object> seen = new ArrayList<>();

    @Override
    public void registrationChanged(RegistrationState state) {
        reports.add(state);
    }

    @Override
    public CallLegListener incomingCall(CallLeg leg, Participant caller) {
        throw new AssertionError("XMPP sessions have no calls");
    }

    @Override
    public void messageReceived(Message message) {
        reports.add(message);
    }

    @Override
    public void presenceChanged(String contact, Presence presence) {
        reports.add(new PresenceReport(contact, presence));
    }

    @Override
    public void messageDelivered(String peer, String messageId) {
        reports.add(new Delivered(peer, messageId));
    }

    /** The next report of {@code type} matching {@code condition}, skipping others; fails after the timeout. */
    <T> T await(Class<T> type, Predicate<T> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object report = left <= 0 ? null : reports.poll(left, TimeUnit.NANOSECONDS);
            if (report == null) {
                fail("no " + what + " within " + TIMEOUT + "; reports seen: " + seen + sessionThreads());
            }
            seen.add(report);
            if (type.isInstance(report) && condition.test(type.cast(report))) {
                return type.cast(report);
            }
        }
    }

    /** Where the sessions' worker threads are, to explain a wait that ran out. */
    private static String sessionThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("xmpp-")) {
                dump.append("\n").append(thread.getName()).append(':');
                for (StackTraceElement frame : stack) {
                    dump.append("\n  at ").append(frame);
                }
            }
        });
        return dump.toString();
    }

    /** How many reports seen so far (those awaited or skipped) are of {@code type} and match. */
    <T> long countSeen(Class<T> type, Predicate<T> condition) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(condition).count();
    }

    /** Every report seen so far, in order. */
    List<Object> seen() {
        return List.copyOf(seen);
    }

        RegistrationState awaitState(RegistrationState.Kind kind) throws InterruptedException {
        RegistrationState state = await(RegistrationState.class, s -> s.kind() == kind, "registration state " + kind);
        assertNotNull(state);
        return state;
    }

    /** The next registration report, whatever it is, or null if none comes within {@code quiet}. */
    RegistrationState nextState(Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object report = left <= 0 ? null : reports.poll(left, TimeUnit.NANOSECONDS);
            if (report == null) {
                return null;
            }
            seen.add(report);
            if (report instanceof RegistrationState state) {
                return state;
            }
        }
    }
}

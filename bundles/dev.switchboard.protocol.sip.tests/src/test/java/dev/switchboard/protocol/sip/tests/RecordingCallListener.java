package dev.switchboard.protocol.sip.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.spi.CallLegListener;

/** Stands in for the core's call: records what a leg reports and lets a test wait for a report. */
class RecordingCallListener implements CallLegListener {

    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final List<Object> all = new ArrayList<>();
    private volatile String codec;

    @Override
    public void stateChanged(CallState state) {
        record(state);
    }

    @Override
    public void ended(EndReason reason) {
        record(reason);
    }

    @Override
    public void codecChanged(String newCodec) {
        codec = newCodec;
    }

    @Override
    public void dtmfReceived(char digit) {
        record("dtmf " + digit);
    }

    @Override
    public void remoteChanged(dev.switchboard.core.call.Participant remote) {
        record("remote " + remote.address());
    }

    /** Waits for a report that the far end is now an address starting with {@code prefix}. */
    void awaitRemote(String prefix, Duration timeout) throws InterruptedException {
        awaitMatching(report -> report instanceof String text && text.startsWith("remote " + prefix), timeout,
                "far end " + prefix + "...");
    }

    String codec() {
        return codec;
    }

    private void record(Object report) {
        synchronized (all) {
            all.add(report);
        }
        pending.add(report);
    }

    void await(CallState state, Duration timeout) throws InterruptedException {
        awaitMatching(report -> report == state, timeout, state.name());
    }

    /** Waits for the far end's DTMF key {@code digit}, skipping other reports. */
    void awaitDtmf(char digit, Duration timeout) throws InterruptedException {
        awaitMatching(report -> report.equals("dtmf " + digit), timeout, "DTMF " + digit);
    }

    EndReason awaitEnd(Duration timeout) throws InterruptedException {
        return (EndReason) awaitMatching(report -> report instanceof EndReason, timeout, "the end of the call");
    }

    private Object awaitMatching(java.util.function.Predicate<Object> wanted, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next = left > 0 ? pending.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; reports: " + history());
            }
            if (wanted.test(next)) {
                return next;
            }
        }
    }

    List<Object> history() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }
}

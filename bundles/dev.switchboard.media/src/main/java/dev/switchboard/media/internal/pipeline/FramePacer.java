package dev.switchboard.media.internal.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Keeps a media loop at one frame per frame period when its devices do not (files, null devices,
 * conference ports): a sound card blocks in {@code read} until a frame is there, a file does not.
 * Each frame is due one period after the previous one's due time, not after the loop woke, so late
 * wake-ups do not add up. When the loop was held up (a loaded machine, a garbage-collection pause) it
 * catches up by running the missed frames back to back, as a loop on a sound card does with the frames
 * the card buffered meanwhile: no audio is skipped, and the frames keep their place in time, which is
 * what the jitter buffer's playout clock ({@link PlayoutClock}) assumes. Only a stall longer than
 * {@link #MAX_CATCH_UP_NANOS} restarts the schedule from now.
 */
public final class FramePacer {

    /** Longer stalls are not made up: a second of audio in a burst is more than the far end should take. */
    static final long MAX_CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private long periodNanos;
    private long due;

    public FramePacer(long periodNanos) {
        this.periodNanos = periodNanos;
        this.due = System.nanoTime();
    }

    /** A new frame period from the next frame on. */
    public void period(long nanos) {
        this.periodNanos = nanos;
    }

    /** Restarts the clock at now (after a pause, or when a paced device hands over to the clock). */
    public void restart() {
        due = System.nanoTime();
    }

    /** Waits for the end of the current frame period; returns at once while the loop is catching up. */
    public void awaitNextFrame() {
        awaitNextFrame(() -> false);
    }

    /**
     * As {@link #awaitNextFrame()}, but returns early once {@code stop} holds, checked whenever the waiting
     * thread is unparked: a loop being closed ends at once instead of at its next frame (its closer waits for it).
     */
    public void awaitNextFrame(BooleanSupplier stop) {
        due += periodNanos;
        long now = System.nanoTime();
        if (now - due > MAX_CATCH_UP_NANOS) {
            due = now;
            return;
        }
        while (due - System.nanoTime() > 0 && !stop.getAsBoolean()) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
    }
}

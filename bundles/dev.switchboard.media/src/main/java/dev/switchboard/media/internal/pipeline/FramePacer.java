package dev.switchboard.media.internal.pipeline;

import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a media loop at one frame per frame period when its devices do not (files, null devices,
 * conference ports): a sound card blocks in {@code read} until a frame is there, a file does not.
 * After a stall of more than a few frames the clock restarts from now instead of catching up in a
 * burst, which a jitter buffer at the far end would only have to absorb.
 */
public final class FramePacer {

    private static final int MAX_FRAMES_BEHIND = 5;

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

    /** Waits for the end of the current frame period. */
    public void awaitNextFrame() {
        due += periodNanos;
        long now = System.nanoTime();
        if (now - due > MAX_FRAMES_BEHIND * periodNanos) {
            due = now;
            return;
        }
        while (due - System.nanoTime() > 0) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
    }
}

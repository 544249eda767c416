package dev.switchboard.media.internal.pipeline;

/**
 * When each frame a media loop pulls from the jitter buffer is played: the frame schedule, one period
 * per frame, rather than the moment the loop got round to the frame. A loop thread that wakes late, or
 * runs several frames back to back after the machine held it up, still plays frame n at the schedule's
 * n-th time, so the jitter buffer sees no change of delay where there was only a scheduling delay, and
 * neither stretches nor shrinks the audio for it.
 * <p>
 * The schedule follows the device's clock, which may run a little faster or slower than the system's:
 * a frame processed before its scheduled time moves the schedule to it at once (the device is ahead),
 * and every {@value #WINDOW_FRAMES} frames the schedule moves later by the least lateness seen among them
 * (a device behind the system clock makes every frame a little later; scheduling delays make only some
 * frames late and leave the least lateness near zero).
 */
final class PlayoutClock {

    static final int WINDOW_FRAMES = 50;

    private boolean running;
    private long due;
    private long leastLateness;
    private int framesInWindow;

    /**
     * The next frame's play time.
     *
     * @param periodNanos the frame period
     * @param nowNanos    the system time at which the loop processes the frame
     */
    long nextFrame(long periodNanos, long nowNanos) {
        if (!running) {
            running = true;
            due = nowNanos;
            startWindow();
            return due;
        }
        due += periodNanos;
        long lateness = nowNanos - due;
        if (lateness < 0) {
            due = nowNanos;
            startWindow();
            return due;
        }
        leastLateness = Math.min(leastLateness, lateness);
        if (++framesInWindow == WINDOW_FRAMES) {
            due += leastLateness;
            startWindow();
        }
        return due;
    }

    private void startWindow() {
        leastLateness = Long.MAX_VALUE;
        framesInWindow = 0;
    }
}

package dev.switchboard.testing.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Checks a condition every {@value #INTERVAL_MS} ms until it holds, failing the test once the timeout is
 * past. Only for states that no listener reports (counters of media threads, a peer's process state);
 * where an event exists, tests wait on the event.
 */
public final class Poll {
    private static final long INTERVAL_MS = 20;

    private Poll() {
    }

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(INTERVAL_MS);
        }
    }
}

package dev.switchboard.protocol.xmpp.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnection attempts: doubling from {@code first} up to {@code max}, each with up
 * to 20 % random spread so that many clients cut off together do not come back together.
 */
final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.next = first;
    }

    synchronized Duration next() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        long spread = base.toMillis() / 5;
        return base.plusMillis(spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    }

    synchronized void reset() {
        next = first;
    }
}

package dev.switchboard.core.policy;

import java.time.Duration;
import java.util.Objects;

/** A policy's verdict on an incoming call. */
public sealed interface Decision {

    /** Let it ring (and let later policies decide). */
    record Ring() implements Decision {
    }

    /** Decline it, e.g. 486 Busy Here for DND; the detail names the policy for history. */
    record Reject(String detail) implements Decision {
        public Reject {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Redirect it to another address without ringing. */
    record Forward(String target) implements Decision {
        public Forward {
            Objects.requireNonNull(target, "target");
        }
    }

    /**
     * Answer it without the user, once it has rung for {@code after} (zero: at once), unless it has been answered,
     * declined or has ended by then (auto-answer, since 1.1).
     */
    record Answer(Duration after) implements Decision {
        public Answer {
            Objects.requireNonNull(after, "after");
            if (after.isNegative()) {
                throw new IllegalArgumentException("negative auto-answer delay " + after);
            }
        }
    }

    static Decision ring() {
        return new Ring();
    }

    static Decision reject(String detail) {
        return new Reject(detail);
    }

    static Decision forward(String target) {
        return new Forward(target);
    }

    static Decision answer(Duration after) {
        return new Answer(after);
    }
}

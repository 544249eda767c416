package dev.switchboard.contacts;

import java.util.Objects;

/**
 * How one contact source answered a merged search.
 *
 * @param contacts how many contacts it gave (0 unless {@link State#ANSWERED})
 * @param reason   why it did not answer; empty when it did
 */
public record SourceStatus(String sourceId, String name, State state, int contacts, String reason) {

    public enum State {
        ANSWERED,
        /** Took longer than its time-out; its answer, if it comes, is dropped. */
        TIMED_OUT,
        /** Failed: unreachable, refused, broken. */
        UNAVAILABLE
    }

    public SourceStatus {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}

package dev.switchboard.core.call;

import java.util.Objects;

/**
 * Why a call ended, with protocol detail a person can read (e.g. {@code "486 Busy Here"}).
 */
public record EndReason(Kind kind, String detail) {

    public enum Kind {
        /** We hung up, or cancelled before the far end answered. */
        LOCAL_HANGUP,
        REMOTE_HANGUP,
        /** We (or a policy such as DND) declined an incoming call. */
        REJECTED,
        /** The far end declined or was busy. */
        BUSY,
        NO_ANSWER,
        /** The caller gave up before we answered: a missed call. */
        CANCELLED,
        /** Answered on another device of the same user. */
        ANSWERED_ELSEWHERE,
        FORWARDED,
        TRANSFERRED,
        /** Signalling or media failure. */
        FAILED
    }

    public EndReason {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public static EndReason of(Kind kind) {
        return new EndReason(kind, "");
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? kind.name() : kind + "(" + detail + ")";
    }
}

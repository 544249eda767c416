package dev.switchboard.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ended call.
 *
 * @param direction   {@code INCOMING} or {@code OUTGOING}
 * @param connectedAt empty for calls never answered (missed, rejected, busy, ...)
 * @param endReason   the core's {@code EndReason.Kind} name, e.g. {@code REMOTE_HANGUP}
 */
public record CallRecord(String accountId, String direction, String peer, String peerName, Instant startedAt,
        Optional<Instant> connectedAt, Instant endedAt, String endReason, String endDetail) {
    public CallRecord {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerName, "peerName");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(endDetail, "endDetail");
    }
}

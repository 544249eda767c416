package dev.switchboard.core.messaging;

import java.time.Instant;
import java.util.Objects;

/**
 * One instant message.
 *
 * @param id        unique id (the protocol's stanza id where it has one)
 * @param accountId the account that sent or received it
 * @param peer      the other side's address (a user, or a room for group chat)
 * @param incoming  {@code true} if received
 * @param sender    who wrote it: {@code peer} in 1:1 chat, the occupant in a room
 */
public record Message(String id, String accountId, String peer, boolean incoming, String sender, String text,
        Instant timestamp) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

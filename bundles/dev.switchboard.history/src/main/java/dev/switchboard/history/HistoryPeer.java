package dev.switchboard.history;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone the user called, was called by or chatted with.
 *
 * @param address     the peer's address as the protocol gave it (a SIP URI, a bare JID, ...)
 * @param displayName the name of the most recent call that carried one; empty when none did
 * @param lastContact when the latest call ended or the latest message was sent
 * @param chatted     whether any message was exchanged (only messaging protocols carry messages)
 * @param accountId   the account of the latest call or message, whose protocol says what the address is;
 *                    empty when unknown (since 1.2)
 */
public record HistoryPeer(String address, String displayName, Instant lastContact, boolean chatted,
        String accountId) {
    public HistoryPeer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(lastContact, "lastContact");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** A peer whose account is not known. */
    public HistoryPeer(String address, String displayName, Instant lastContact, boolean chatted) {
        this(address, displayName, lastContact, chatted, "");
    }
}

package dev.switchboard.ui.chats;

import java.util.Objects;

/**
 * One conversation: an account and the peer (a person's address, or a room).
 *
 * @param room whether the peer is a chat room (its messages name their sender)
 */
public record ConversationKey(String accountId, String peer, boolean room) {

    public ConversationKey {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(peer, "peer");
    }

    /** The same conversation whether or not it was known to be a room when first seen. */
    public boolean sameAs(String otherAccount, String otherPeer) {
        return accountId.equals(otherAccount) && peer.equalsIgnoreCase(otherPeer);
    }
}

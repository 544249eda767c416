package dev.switchboard.history;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.core.messaging.Message;

/**
 * The durable history. A message is committed to the store before any front end hears of it (the
 * history's message listener has the highest {@code service.ranking}) and, for a received XMPP
 * message, before the sender gets its delivery receipt. Reading methods throw
 * {@link IllegalStateException} saying why when the store cannot be read.
 */
@ProviderType
public interface History {

    /** The last {@code limit} messages with {@code peer} on the account, oldest first. */
    List<Message> conversation(String accountId, String peer, int limit);

    /**
     * Messages whose text contains {@code text} (ignoring case) starting at word beginnings: each word
     * of {@code text} must begin a word of the message ("budg" finds "budget", "udget" does not), newest
     * first. A {@code text} without letters or digits is matched anywhere.
     */
    List<Message> search(String text, int limit);

    /** Whether the recipient confirmed a sent message. */
    boolean isDelivered(String accountId, String peer, String messageId);

    /** The last {@code limit} ended calls, newest first. */
    List<CallRecord> calls(int limit);

    /**
     * The last {@code limit} peers of calls and messages whose address or name contains
     * {@code query} (ignoring case; empty matches all), most recent contact first.
     */
    List<HistoryPeer> recentPeers(String query, int limit);

    /** How long messages and calls are kept; {@link Duration#ZERO} keeps them for ever (the default). */
    Duration retention();

    /**
     * Sets the retention (kept in the store) and removes at once what is older.
     *
     * @return how many messages and calls were removed
     */
    int setRetention(Duration retention);
}

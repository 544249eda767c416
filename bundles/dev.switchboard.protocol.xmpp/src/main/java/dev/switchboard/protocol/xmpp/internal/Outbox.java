package dev.switchboard.protocol.xmpp.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Message;

/**
 * One account's chat messages and receipts from the moment they are sent until the server acknowledged
 * them (XEP-0198 {@code <a h=.../>}), oldest first, kept in {@link XmppStorage} as well so that a program
 * restart or crash sends them at the next start. "Handed to Smack" is not "delivered": a stanza written
 * into a stream the server never read, or read but not handled before it stopped, is only known lost when
 * the stream cannot be resumed, and Smack's own list of unacknowledged stanzas is gone when a login fails
 * after it took them. So each stanza remembers the stream it was last handed to; after a login that started
 * a new stream everything still here is handed to that one, ids unchanged (the receiver keeps one copy per
 * id). A server without stream management never acknowledges: handing a stanza over is all it gets there.
 */
final class Outbox {

    private static final Logger LOG = System.getLogger(Outbox.class.getName());

    private final String account;
    private final XmppStorage storage;
    private final int limit;
    /** Stanza id -> the stanza and the stream (number) it was handed to, 0 for none yet. Guarded by this. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private static final class Pending {
        final Message stanza;
        int stream;

        Pending(Message stanza) {
            this.stanza = stanza;
        }
    }

    /** Loads what a previous run of the account left unacknowledged. */
    Outbox(String account, XmppStorage storage, int limit) {
        this.account = account;
        this.storage = storage;
        this.limit = limit;
        try {
            for (Message stanza : storage.outbox(account)) {
                pending.put(stanza.getStanzaId(), new Pending(stanza));
            }
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "xmpp {0}: the outbox of the last run could not be read: {1}", account, e.getMessage());
        }
        if (!pending.isEmpty()) {
            LOG.log(Level.INFO, "xmpp {0}: {1} messages or receipts of the last run wait to be sent", account,
                    pending.size());
        }
    }

    /**
     * Keeps a stanza (it must have an id) until the server acknowledges it; false when the outbox is full.
     *
     * @throws IllegalStateException if the store cannot keep it: the caller must not report it as sent
     */
    synchronized boolean add(Message stanza) {
        if (pending.containsKey(stanza.getStanzaId())) {
            return true;
        }
        if (pending.size() >= limit) {
            return false;
        }
        try {
            storage.add(account, stanza);
        } catch (SQLException e) {
            throw new IllegalStateException("the message could not be kept for sending: " + e.getMessage(), e);
        }
        pending.put(stanza.getStanzaId(), new Pending(stanza));
        return true;
    }

    /**
     * Marks the stanza as handed to stream {@code stream}; false if it is acknowledged already or was
     * handed to that stream before (then it must not be written again).
     */
    synchronized boolean handOver(String stanzaId, int stream) {
        Pending entry = pending.get(stanzaId);
        if (entry == null || entry.stream == stream) {
            return false;
        }
        entry.stream = stream;
        return true;
    }

    /** Undoes {@link #handOver} for a stanza the connection refused, so that the next stream takes it. */
    synchronized void refused(String stanzaId, int stream) {
        Pending entry = pending.get(stanzaId);
        if (entry != null && entry.stream == stream) {
            entry.stream = 0;
        }
    }

    /** The stanzas not yet handed to stream {@code stream}, oldest first, now marked as handed to it. */
    synchronized List<Message> handOverAll(int stream) {
        List<Message> due = new ArrayList<>();
        for (Pending entry : pending.values()) {
            if (entry.stream != stream) {
                entry.stream = stream;
                due.add(entry.stanza);
            }
        }
        return due;
    }

    /** The server has the stanza: forgotten here and in the store. */
    void acknowledged(String stanzaId) {
        synchronized (this) {
            if (stanzaId == null || pending.remove(stanzaId) == null) {
                return;
            }
        }
        try {
            storage.remove(account, stanzaId);
        } catch (SQLException e) {
            // at worst it is sent once more at the next start, and the receiver keeps one copy
            LOG.log(Level.WARNING, "xmpp {0}: an acknowledged stanza stays in the stored outbox: {1}", account,
                    e.getMessage());
        }
    }

    synchronized int size() {
        return pending.size();
    }
}

package dev.switchboard.protocol.xmpp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jivesoftware.smack.roster.packet.RosterPacket.Item;
import org.jivesoftware.smack.roster.rosterstore.RosterStore;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;

/**
 * The account's roster and its version (XEP-0237, RFC 6121 2.6) as Smack's roster manager keeps them,
 * backed by {@link XmppStorage}: at login Smack sends the stored version, and when the server answers
 * that nothing changed (an empty result) the entries come from here, the server's pushes bringing any
 * change. Smack calls this class on the thread that delivers the roster result, before it marks the
 * roster loaded, so the store is written behind, in order, on another thread: the items and their version
 * are written in one row, so a write lost in a crash leaves an older, consistent pair, and the next login
 * merely fetches more.
 */
final class XmppRosterCache implements RosterStore {

    private static final Logger LOG = System.getLogger(XmppRosterCache.class.getName());

    private final XmppStorage storage;
    private final String rosterKey;
    /** The entries, read from the store when Smack first asks for them; null until then. */
    private Map<BareJid, Item> items;
    private String version;
    private boolean versionRead;
    /** The last write; each next write starts when it is done, so they reach the store in order. */
    private CompletableFuture<Void> writes = CompletableFuture.completedFuture(null);

    /**
     * @param rosterKey the account and the server it talks to: versions are numbers a server counts up, so
     *                  a roster cached from one server must never be offered to another
     */
    XmppRosterCache(XmppStorage storage, String rosterKey) {
        this.storage = storage;
        this.rosterKey = rosterKey;
    }

    @Override
    public synchronized List<Item> getEntries() {
        Map<BareJid, Item> current = loaded();
        return current == null ? null : new ArrayList<>(current.values());
    }

    @Override
    public synchronized Item getEntry(Jid contact) {
        Map<BareJid, Item> current = loaded();
        return current == null ? null : current.get(contact.asBareJid());
    }

    /** The version to offer the server; none (a full roster is sent) when the store cannot be read. */
    @Override
    public synchronized String getRosterVersion() {
        if (!versionRead) {
            try {
                version = storage.rosterVersion(rosterKey).orElse(null);
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "xmpp {0}: the cached roster version cannot be read, asking for the whole roster: {1}",
                        rosterKey, e.getMessage());
                version = null;
            }
            versionRead = true;
        }
        return version == null ? "" : version;
    }

    @Override
    public synchronized boolean addEntry(Item item, String newVersion) {
        Map<BareJid, Item> current = loaded();
        if (current == null) {
            return false;
        }
        current.put(item.getJid(), item);
        version = newVersion;
        versionRead = true;
        write();
        return true;
    }

    @Override
    public synchronized boolean resetEntries(Collection<Item> all, String newVersion) {
        Map<BareJid, Item> replaced = new LinkedHashMap<>();
        all.forEach(item -> replaced.put(item.getJid(), item));
        items = replaced;
        version = newVersion;
        versionRead = true;
        write();
        return true;
    }

    @Override
    public synchronized boolean removeEntry(Jid contact, String newVersion) {
        Map<BareJid, Item> current = loaded();
        if (current == null) {
            return false;
        }
        current.remove(contact.asBareJid());
        version = newVersion;
        versionRead = true;
        write();
        return true;
    }

    @Override
    public synchronized void resetStore() {
        items = new LinkedHashMap<>();
        version = null;
        versionRead = true;
        write();
    }

    /** Waits until every write handed over so far has reached the store (or failed and was logged). */
    void flush() {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = writes;
        }
        last.join();
    }

    /** The entries, read from the store on first use; null when it cannot be read (Smack then starts afresh). */
    private Map<BareJid, Item> loaded() {
        if (items == null) {
            try {
                Map<BareJid, Item> read = new LinkedHashMap<>();
                storage.rosterItems(rosterKey).forEach(item -> read.put(item.getJid(), item));
                items = read;
            } catch (SQLException | IOException | XmlPullParserException | RuntimeException e) {
                LOG.log(Level.WARNING, "xmpp {0}: the cached roster cannot be read, asking for the whole roster: {1}",
                        rosterKey, e.getMessage());
                return null;
            }
        }
        return items;
    }

    /** Hands the current roster and version to the writer; the caller holds the lock. */
    private void write() {
        List<Item> snapshot = items == null ? List.of() : List.copyOf(items.values());
        String snapshotVersion = version == null || version.isEmpty() ? null : version;
        writes = writes.thenRunAsync(() -> {
            try {
                storage.saveRoster(rosterKey, snapshot, snapshotVersion);
            } catch (SQLException | RuntimeException e) {
                // without a stored version the next login asks for the whole roster, so nothing stale is shown
                LOG.log(Level.WARNING, "xmpp {0}: the roster cannot be cached, the next login fetches it whole: {1}",
                        rosterKey, e.getMessage());
                try {
                    storage.saveRoster(rosterKey, List.of(), null);
                } catch (SQLException again) {
                    LOG.log(Level.WARNING, "xmpp {0}: the cached roster cannot be forgotten either: {1}", rosterKey,
                            again.getMessage());
                }
            }
        });
    }
}

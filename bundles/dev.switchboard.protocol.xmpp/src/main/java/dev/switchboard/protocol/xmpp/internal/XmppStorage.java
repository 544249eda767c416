package dev.switchboard.protocol.xmpp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.parsing.SmackParsingException;
import org.jivesoftware.smack.roster.packet.RosterPacket.Item;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

import dev.switchboard.store.Store;

/**
 * What an XMPP account must not forget across a program restart or crash, in the profile's store: the
 * chat messages and receipts the server has not acknowledged yet (the outbox, as the stanzas' XML, so
 * they are sent again with their ids unchanged) and the archive id (XEP-0313) up to which the account's
 * archive has been read; the roster last received from the server with its version (XEP-0237), so the
 * next login asks only for what changed. Each change is committed before the caller goes on.
 */
final class XmppStorage {

    private static final Logger LOG = System.getLogger(XmppStorage.class.getName());
    static final String OWNER = "dev.switchboard.protocol.xmpp";
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE IF NOT EXISTS XMPP_OUTBOX (
              ACCOUNT VARCHAR(256) NOT NULL,
              STANZA_ID VARCHAR(256) NOT NULL,
              SEQ BIGINT AUTO_INCREMENT,
              STANZA CHARACTER LARGE OBJECT NOT NULL,
              PRIMARY KEY (ACCOUNT, STANZA_ID));
            CREATE INDEX IF NOT EXISTS XMPP_OUTBOX_ORDER ON XMPP_OUTBOX (ACCOUNT, SEQ);
            CREATE TABLE IF NOT EXISTS XMPP_ARCHIVE_POSITION (
              ACCOUNT VARCHAR(256) PRIMARY KEY,
              ARCHIVE_ID VARCHAR(256) NOT NULL)""", """
            CREATE TABLE IF NOT EXISTS XMPP_ROSTER (
              ACCOUNT VARCHAR(1024) NOT NULL,
              CONTACT VARCHAR(3071) NOT NULL,
              NAME VARCHAR(1024),
              SUBSCRIPTION VARCHAR(8) NOT NULL,
              ASK_PENDING BOOLEAN NOT NULL,
              APPROVED BOOLEAN NOT NULL,
              GROUP_NAMES CHARACTER LARGE OBJECT NOT NULL,
              PRIMARY KEY (ACCOUNT, CONTACT));
            CREATE TABLE IF NOT EXISTS XMPP_ROSTER_VERSION (
              ACCOUNT VARCHAR(1024) PRIMARY KEY,
              VERSION VARCHAR(1024) NOT NULL)""");
    /**
     * Separates the group names of a roster item in one column: U+0000 is not allowed in XML 1.0, so no
     * group name the server sends can contain it.
     */
    private static final String GROUP_SEPARATOR = "\u0000";

    private final Store store;

    XmppStorage(Store store) throws SQLException {
        this.store = store;
        store.migrate(OWNER, MIGRATIONS);
    }

    /** Keeps an outgoing stanza until {@link #remove}; a second call with the same id keeps the first copy. */
    void add(String account, Message stanza) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement insert = connection.prepareStatement(
                        "MERGE INTO XMPP_OUTBOX (ACCOUNT, STANZA_ID, STANZA) KEY (ACCOUNT, STANZA_ID) VALUES (?, ?, ?)")) {
            insert.setString(1, account);
            insert.setString(2, stanza.getStanzaId());
            insert.setString(3, stanza.toXML().toString());
            insert.executeUpdate();
        }
    }

    /** Forgets a stanza the server acknowledged. */
    void remove(String account, String stanzaId) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM XMPP_OUTBOX WHERE ACCOUNT = ? AND STANZA_ID = ?")) {
            delete.setString(1, account);
            delete.setString(2, stanzaId);
            delete.executeUpdate();
        }
    }

    /** The stanzas kept for the account, oldest first; one that cannot be read back is logged and deleted. */
    List<Message> outbox(String account) throws SQLException {
        List<Message> stanzas = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT STANZA_ID, STANZA FROM XMPP_OUTBOX WHERE ACCOUNT = ? ORDER BY SEQ")) {
            select.setString(1, account);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try {
                        XmlPullParser parser = PacketParserUtils.getParserFor(rows.getString(2));
                        stanzas.add(PacketParserUtils.parseMessage(parser, XmlEnvironment.EMPTY, JxmppContext.getDefaultContext()));
                    } catch (XmlPullParserException | SmackParsingException | IOException e) {
                        LOG.log(Level.WARNING, "xmpp {0}: a kept outgoing stanza ({1}) cannot be read and is dropped: {2}",
                                account, rows.getString(1), e.getMessage());
                        unreadable.add(rows.getString(1));
                    }
                }
            }
        }
        for (String id : unreadable) {
            remove(account, id);
        }
        return stanzas;
    }

    /** Where the last archive read of the account ended, if any. */
    Optional<String> archivePosition(String account) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT ARCHIVE_ID FROM XMPP_ARCHIVE_POSITION WHERE ACCOUNT = ?")) {
            select.setString(1, account);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    void saveArchivePosition(String account, String archiveId) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement merge = connection.prepareStatement(
                        "MERGE INTO XMPP_ARCHIVE_POSITION (ACCOUNT, ARCHIVE_ID) KEY (ACCOUNT) VALUES (?, ?)")) {
            merge.setString(1, account);
            merge.setString(2, archiveId);
            merge.executeUpdate();
        }
    }

    /** The stored roster's version, if a roster is stored for the key. */
    Optional<String> rosterVersion(String rosterKey) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT VERSION FROM XMPP_ROSTER_VERSION WHERE ACCOUNT = ?")) {
            select.setString(1, rosterKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** The stored roster items. */
    List<Item> rosterItems(String rosterKey) throws SQLException {
        List<Item> items = new ArrayList<>();
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement("SELECT CONTACT, NAME, SUBSCRIPTION, ASK_PENDING,"
                        + " APPROVED, GROUP_NAMES FROM XMPP_ROSTER WHERE ACCOUNT = ?")) {
            select.setString(1, rosterKey);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Item item = new Item(JidCreate.bareFromOrThrowUnchecked(rows.getString(1)), rows.getString(2));
                    item.setItemType(ItemType.valueOf(rows.getString(3)));
                    item.setSubscriptionPending(rows.getBoolean(4));
                    item.setApproved(rows.getBoolean(5));
                    for (String group : rows.getString(6).split(GROUP_SEPARATOR)) {
                        if (!group.isEmpty()) {
                            item.addGroupName(group);
                        }
                    }
                    items.add(item);
                }
            }
        }
        return items;
    }

    /**
     * Replaces the stored roster: the whole of it when {@code replaceAll}, else only the given items, and
     * the version, in one transaction, so that a version is never stored with items older than it.
     */
    void saveRoster(String rosterKey, Collection<Item> items, Collection<BareJid> removed, boolean replaceAll,
            String version) throws SQLException {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement(replaceAll
                        ? "DELETE FROM XMPP_ROSTER WHERE ACCOUNT = ?"
                        : "DELETE FROM XMPP_ROSTER WHERE ACCOUNT = ? AND CONTACT = ?")) {
                    delete.setString(1, rosterKey);
                    if (replaceAll) {
                        delete.executeUpdate();
                    } else {
                        for (BareJid contact : removed) {
                            delete.setString(2, contact.toString());
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                }
                try (PreparedStatement merge = connection.prepareStatement("MERGE INTO XMPP_ROSTER (ACCOUNT, CONTACT, NAME,"
                        + " SUBSCRIPTION, ASK_PENDING, APPROVED, GROUP_NAMES) KEY (ACCOUNT, CONTACT) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Item item : items) {
                        merge.setString(1, rosterKey);
                        merge.setString(2, item.getJid().toString());
                        merge.setString(3, item.getName());
                        merge.setString(4, item.getItemType().name());
                        merge.setBoolean(5, item.isSubscriptionPending());
                        merge.setBoolean(6, item.isApproved());
                        merge.setString(7, String.join(GROUP_SEPARATOR, item.getGroupNames()));
                        merge.addBatch();
                    }
                    merge.executeBatch();
                }
                try (PreparedStatement versionRow = connection.prepareStatement(version == null
                        ? "DELETE FROM XMPP_ROSTER_VERSION WHERE ACCOUNT = ?"
                        : "MERGE INTO XMPP_ROSTER_VERSION (ACCOUNT, VERSION) KEY (ACCOUNT) VALUES (?, ?)")) {
                    versionRow.setString(1, rosterKey);
                    if (version != null) {
                        versionRow.setString(2, version);
                    }
                    versionRow.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Forgets the stored roster and its version. */
    void forgetRoster(String rosterKey) throws SQLException {
        saveRoster(rosterKey, List.of(), List.of(), true, null);
    }
}

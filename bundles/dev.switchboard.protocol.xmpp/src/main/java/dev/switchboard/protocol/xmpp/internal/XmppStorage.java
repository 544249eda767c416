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
import org.jivesoftware.smack.roster.provider.RosterPacketProvider;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jxmpp.JxmppContext;

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
              ACCOUNT VARCHAR(1024) PRIMARY KEY,
              VERSION VARCHAR(1024) NOT NULL,
              ROSTER CHARACTER LARGE OBJECT NOT NULL)""");

    private final Store store;

    XmppStorage(Store store) throws SQLException {
        this.store = store;
        store.migrate(OWNER, MIGRATIONS);
    }

    /** Keeps an outgoing stanza until {@link #remove}; a second call with the same id keeps the first copy. */
    void add(String account, Message stanza) throws SQLException {
        update("MERGE INTO XMPP_OUTBOX (ACCOUNT, STANZA_ID, STANZA) KEY (ACCOUNT, STANZA_ID) VALUES (?, ?, ?)", account,
                stanza.getStanzaId(), stanza.toXML().toString());
    }

    /** Forgets a stanza the server acknowledged. */
    void remove(String account, String stanzaId) throws SQLException {
        update("DELETE FROM XMPP_OUTBOX WHERE ACCOUNT = ? AND STANZA_ID = ?", account, stanzaId);
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
        return value("SELECT ARCHIVE_ID FROM XMPP_ARCHIVE_POSITION WHERE ACCOUNT = ?", account);
    }

    void saveArchivePosition(String account, String archiveId) throws SQLException {
        update("MERGE INTO XMPP_ARCHIVE_POSITION (ACCOUNT, ARCHIVE_ID) KEY (ACCOUNT) VALUES (?, ?)", account, archiveId);
    }

    /** The stored roster's version, if a roster is stored for the key. */
    Optional<String> rosterVersion(String rosterKey) throws SQLException {
        return value("SELECT VERSION FROM XMPP_ROSTER WHERE ACCOUNT = ?", rosterKey);
    }


    /** The stored roster items, none if no roster is stored for the key. */
    List<Item> rosterItems(String rosterKey) throws SQLException, IOException, XmlPullParserException {
        Optional<String> stored = value("SELECT ROSTER FROM XMPP_ROSTER WHERE ACCOUNT = ?", rosterKey);
        if (stored.isEmpty()) {
            return List.of();
        }
        String roster = stored.get();
        List<Item> items = new ArrayList<>();
        XmlPullParser parser = PacketParserUtils.getParserFor(roster);
        for (XmlPullParser.Event event = parser.next(); event != XmlPullParser.Event.END_DOCUMENT; event = parser.next()) {
            if (event == XmlPullParser.Event.START_ELEMENT && Item.ELEMENT.equals(parser.getName())) {
                items.add(RosterPacketProvider.parseItem(parser, JxmppContext.getDefaultContext()));
            }
        }
        return items;
    }

    /**
     * Replaces the stored roster and its version (none: forgets both). One row per account, the items in
     * their XML form: the roster is only ever read and written whole, and one row is written many times
     * faster than thousands (this write competes with the login for the processor).
     */
    void saveRoster(String rosterKey, Collection<Item> items, String version) throws SQLException {
        if (version == null) {
            update("DELETE FROM XMPP_ROSTER WHERE ACCOUNT = ?", rosterKey);
            return;
        }
        StringBuilder roster = new StringBuilder("<query xmlns='jabber:iq:roster'>");
        items.forEach(item -> roster.append(item.toXML(XmlEnvironment.EMPTY)));
        roster.append("</query>");
        update("MERGE INTO XMPP_ROSTER (ACCOUNT, VERSION, ROSTER) KEY (ACCOUNT) VALUES (?, ?, ?)", rosterKey, version,
                roster.toString());
    }

    /** Runs one statement in a session of its own, committed when it returns (auto-commit). */
    private void update(String sql, String... values) throws SQLException {
        try (Connection connection = store.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    /** The first column of the row {@code sql} selects by {@code key}, if there is one. */
    private Optional<String> value(String sql, String key) throws SQLException {
        try (Connection connection = store.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}

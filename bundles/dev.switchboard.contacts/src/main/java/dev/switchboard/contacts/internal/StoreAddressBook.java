package dev.switchboard.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.PostalAddress;
import dev.switchboard.store.Store;

/**
 * The local book in the profile's store (tables {@code contacts_*}), with every entry also held in
 * memory with its search text and address keys, so searches and reverse lookups never touch the
 * database. A change is written in one transaction first and applied to memory only once committed.
 * When the number plan changes (default region, extension plan), every entry's keys are computed again.
 */
@Component(service = AddressBook.class)
public class StoreAddressBook implements AddressBook {

    static final String OWNER = "dev.switchboard.contacts";
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE IF NOT EXISTS contacts_entry (
              id VARCHAR(64) PRIMARY KEY,
              display_name VARCHAR(4000) NOT NULL,
              organisation VARCHAR(4000) NOT NULL,
              notes CHARACTER LARGE OBJECT NOT NULL,
              favourite BOOLEAN NOT NULL);
            CREATE TABLE IF NOT EXISTS contacts_address (
              entry_id VARCHAR(64) NOT NULL,
              position INT NOT NULL,
              kind VARCHAR(8) NOT NULL,
              address VARCHAR(4000) NOT NULL,
              label VARCHAR(400) NOT NULL,
              PRIMARY KEY (entry_id, position),
              FOREIGN KEY (entry_id) REFERENCES contacts_entry(id) ON DELETE CASCADE);
            CREATE TABLE IF NOT EXISTS contacts_group (
              entry_id VARCHAR(64) NOT NULL,
              group_name VARCHAR(400) NOT NULL,
              PRIMARY KEY (entry_id, group_name),
              FOREIGN KEY (entry_id) REFERENCES contacts_entry(id) ON DELETE CASCADE)
            """, """
            ALTER TABLE contacts_entry ADD COLUMN IF NOT EXISTS birthday VARCHAR(10) DEFAULT '' NOT NULL;
            ALTER TABLE contacts_entry ADD COLUMN IF NOT EXISTS photo CHARACTER LARGE OBJECT DEFAULT '' NOT NULL;
            CREATE TABLE IF NOT EXISTS contacts_postal (
              entry_id VARCHAR(64) NOT NULL,
              position INT NOT NULL,
              street VARCHAR(4000) NOT NULL,
              locality VARCHAR(400) NOT NULL,
              region VARCHAR(400) NOT NULL,
              postal_code VARCHAR(100) NOT NULL,
              country VARCHAR(400) NOT NULL,
              label VARCHAR(400) NOT NULL,
              PRIMARY KEY (entry_id, position),
              FOREIGN KEY (entry_id) REFERENCES contacts_entry(id) ON DELETE CASCADE)
            """);

    private static final Comparator<BookEntry> BY_NAME = Comparator
            .comparing((BookEntry entry) -> entry.displayName().toLowerCase(Locale.ROOT)).thenComparing(BookEntry::id);

    /** An entry with what searches and lookups need, computed once. */
    private record Indexed(BookEntry entry, String searchText, Set<String> keys) {
    }

    private final Store store;
    private final NumberPlan plan;
    private final Map<String, Indexed> byId = new HashMap<>();
    private final Map<String, Set<String>> idsByKey = new HashMap<>();
    private final AtomicLong revision = new AtomicLong();
    private final Runnable rekey = this::rekey;

    @Activate
    public StoreAddressBook(@Reference Store store, @Reference NumberPlan plan) throws SQLException {
        this.store = store;
        this.plan = plan;
        store.migrate(OWNER, MIGRATIONS);
        // listen before loading, so a change during the load is not missed (the rekey waits for the lock)
        plan.addChangeListener(rekey);
        load();
    }

    @Deactivate
    void deactivate() {
        plan.removeChangeListener(rekey);
    }

    /** Computes every entry's keys again under the current plan; caches keyed on the revision drop theirs. */
    private void rekey() {
        synchronized (this) {
            List<BookEntry> all = byId.values().stream().map(Indexed::entry).toList();
            byId.clear();
            idsByKey.clear();
            all.forEach(this::remember);
        }
        revision.incrementAndGet();
    }

    private void load() throws SQLException {
        Map<String, List<ContactAddress>> addresses = new HashMap<>();
        Map<String, Set<String>> groups = new HashMap<>();
        Map<String, List<PostalAddress>> postal = new HashMap<>();
        try (Connection connection = store.connection()) {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry_id, street, locality, region, postal_code, country, label FROM contacts_postal"
                            + " ORDER BY entry_id, position");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    postal.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(new PostalAddress(
                            rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                            rows.getString(6), rows.getString(7)));
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT entry_id, kind, address, label FROM contacts_address ORDER BY entry_id, position");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    addresses.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(
                            new ContactAddress(AddressKind.valueOf(rows.getString(2)), rows.getString(3), rows.getString(4)));
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT entry_id, group_name FROM contacts_group");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(rows.getString(1), id -> new TreeSet<>()).add(rows.getString(2));
                }
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, display_name, organisation, notes, favourite, birthday, photo FROM contacts_entry");
                    ResultSet rows = query.executeQuery()) {
                synchronized (this) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        remember(new BookEntry(id, rows.getString(2), rows.getString(3),
                                addresses.getOrDefault(id, List.of()), rows.getString(4),
                                groups.getOrDefault(id, Set.of()), rows.getBoolean(5),
                                postal.getOrDefault(id, List.of()), rows.getString(6), rows.getString(7)));
                    }
                }
            }
        }
    }

    @Override
    public BookEntry add(BookEntry entry) {
        if (!entry.id().isEmpty()) {
            throw new IllegalArgumentException("entry " + entry.id() + " already has an id; use update");
        }
        BookEntry stored = entry.withId(UUID.randomUUID().toString());
        write(stored, false);
        return stored;
    }

    @Override
    public List<BookEntry> addAll(List<BookEntry> entries) {
        List<BookEntry> added = new ArrayList<>(entries.size());
        for (BookEntry entry : entries) {
            if (!entry.id().isEmpty()) {
                throw new IllegalArgumentException("entry " + entry.id() + " already has an id; use update");
            }
            added.add(entry.withId(UUID.randomUUID().toString()));
        }
        // one commit for the lot: a durable commit costs a disk sync, which would dominate a large import
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                insert(connection, added);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(entries.size() + " contacts cannot be saved: " + e.getMessage(), e);
        }
        synchronized (this) {
            added.forEach(this::remember);
        }
        revision.incrementAndGet();
        return added;
    }

    @Override
    public BookEntry update(BookEntry entry) {
        synchronized (this) {
            if (!byId.containsKey(entry.id())) {
                throw new IllegalArgumentException("no contact " + entry.id());
            }
        }
        write(entry, true);
        return entry;
    }

    private void write(BookEntry entry, boolean replace) {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try {
                if (replace) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM contacts_entry WHERE id = ?")) {
                        delete.setString(1, entry.id());
                        delete.executeUpdate();
                    }
                }
                insert(connection, entry);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("contact '" + entry.displayName() + "' cannot be saved: " + e.getMessage(), e);
        }
        synchronized (this) {
            forget(entry.id());
            remember(entry);
        }
        revision.incrementAndGet();
    }

    private static void insert(Connection connection, BookEntry entry) throws SQLException {
        insert(connection, List.of(entry));
    }

    /** Four statements for any number of entries, so a large import is not dominated by statement set-up. */
    private static void insert(Connection connection, List<BookEntry> entries) throws SQLException {
        try (PreparedStatement entryRow = connection.prepareStatement(
                "INSERT INTO contacts_entry (id, display_name, organisation, notes, favourite, birthday, photo)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement postalRow = connection.prepareStatement(
                        "INSERT INTO contacts_postal (entry_id, position, street, locality, region, postal_code, country,"
                                + " label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement addressRow = connection.prepareStatement(
                        "INSERT INTO contacts_address (entry_id, position, kind, address, label) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement groupRow = connection.prepareStatement(
                        "INSERT INTO contacts_group (entry_id, group_name) VALUES (?, ?)")) {
            for (BookEntry entry : entries) {
                entryRow.setString(1, entry.id());
                entryRow.setString(2, entry.displayName());
                entryRow.setString(3, entry.organisation());
                entryRow.setString(4, entry.notes());
                entryRow.setBoolean(5, entry.favourite());
                entryRow.setString(6, entry.birthday());
                entryRow.setString(7, entry.photo());
                entryRow.addBatch();
                int postalPosition = 0;
                for (PostalAddress address : entry.postalAddresses()) {
                    postalRow.setString(1, entry.id());
                    postalRow.setInt(2, postalPosition++);
                    postalRow.setString(3, address.street());
                    postalRow.setString(4, address.locality());
                    postalRow.setString(5, address.region());
                    postalRow.setString(6, address.postalCode());
                    postalRow.setString(7, address.country());
                    postalRow.setString(8, address.label());
                    postalRow.addBatch();
                }
                int position = 0;
                for (ContactAddress address : entry.addresses()) {
                    addressRow.setString(1, entry.id());
                    addressRow.setInt(2, position++);
                    addressRow.setString(3, address.kind().name());
                    addressRow.setString(4, address.value());
                    addressRow.setString(5, address.label());
                    addressRow.addBatch();
                }
                for (String group : entry.groups()) {
                    groupRow.setString(1, entry.id());
                    groupRow.setString(2, group);
                    groupRow.addBatch();
                }
            }
            // parents first: the address and group rows refer to the entry rows
            entryRow.executeBatch();
            addressRow.executeBatch();
            groupRow.executeBatch();
            postalRow.executeBatch();
        }
    }

    @Override
    public boolean remove(String id) {
        synchronized (this) {
            if (!byId.containsKey(id)) {
                return false;
            }
        }
        try (Connection connection = store.connection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM contacts_entry WHERE id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("contact " + id + " cannot be removed: " + e.getMessage(), e);
        }
        synchronized (this) {
            forget(id);
        }
        revision.incrementAndGet();
        return true;
    }

    @Override
    public synchronized Optional<BookEntry> entry(String id) {
        return Optional.ofNullable(byId.get(id)).map(Indexed::entry);
    }

    @Override
    public synchronized List<BookEntry> entries() {
        return byId.values().stream().map(Indexed::entry).sorted(BY_NAME).toList();
    }

    @Override
    public List<BookEntry> search(String query, int limit) {
        String needle = query.strip().toLowerCase(Locale.ROOT);
        String needleDigits = needle.matches("[0-9 +()./-]+") ? needle.replaceAll("[^0-9]", "") : "";
        List<BookEntry> found = new ArrayList<>();
        synchronized (this) {
            for (Indexed indexed : byId.values()) {
                if (needle.isEmpty() || indexed.searchText().contains(needle)
                        || !needleDigits.isEmpty() && indexed.searchText().contains(needleDigits)) {
                    found.add(indexed.entry());
                }
            }
        }
        found.sort(BY_NAME);
        return found.size() > limit ? List.copyOf(found.subList(0, Math.max(0, limit))) : found;
    }

    @Override
    public List<BookEntry> withAddress(String address) {
        String key = plan.key(address);
        if (key.isEmpty()) {
            return List.of();
        }
        synchronized (this) {
            return idsByKey.getOrDefault(key, Set.of()).stream().map(id -> byId.get(id).entry()).sorted(BY_NAME).toList();
        }
    }

    @Override
    public synchronized SortedSet<String> groups() {
        SortedSet<String> groups = new TreeSet<>();
        byId.values().forEach(indexed -> groups.addAll(indexed.entry().groups()));
        return Collections.unmodifiableSortedSet(groups);
    }

    @Override
    public List<BookEntry> inGroup(String group) {
        List<BookEntry> found = new ArrayList<>();
        synchronized (this) {
            for (Indexed indexed : byId.values()) {
                if (indexed.entry().groups().contains(group)) {
                    found.add(indexed.entry());
                }
            }
        }
        found.sort(BY_NAME);
        return found;
    }

    @Override
    public long revision() {
        return revision.get();
    }

    private void remember(BookEntry entry) {
        StringBuilder text = new StringBuilder();
        text.append(entry.displayName()).append('\n').append(entry.organisation()).append('\n').append(entry.notes());
        entry.groups().forEach(group -> text.append('\n').append(group));
        for (PostalAddress address : entry.postalAddresses()) {
            text.append('\n').append(address.street()).append('\n').append(address.locality()).append('\n')
                    .append(address.postalCode());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (ContactAddress address : entry.addresses()) {
            text.append('\n').append(address.value());
            if (address.kind() == AddressKind.TEL) {
                // so "5550101" finds "+1 555 0101"
                text.append('\n').append(address.value().replaceAll("[^0-9]", ""));
            }
            String key = plan.key(address);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        Indexed indexed = new Indexed(entry, text.toString().toLowerCase(Locale.ROOT), keys);
        byId.put(entry.id(), indexed);
        keys.forEach(key -> idsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entry.id()));
    }

    private void forget(String id) {
        Indexed previous = byId.remove(id);
        if (previous != null) {
            for (String key : previous.keys()) {
                Set<String> ids = idsByKey.get(key);
                ids.remove(id);
                if (ids.isEmpty()) {
                    idsByKey.remove(key);
                }
            }
        }
    }
}

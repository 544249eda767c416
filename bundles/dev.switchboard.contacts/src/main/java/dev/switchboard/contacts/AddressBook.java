package dev.switchboard.contacts;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The local address book, durable in the profile's store. Every change is one transaction: after a
 * crash an entry is there whole or not at all.
 */
@ProviderType
public interface AddressBook {

    /** The contact source id of the local book. */
    String SOURCE_ID = "local";

    /**
     * Adds an entry and gives it an id.
     *
     * @return the entry as stored
     * @throws IllegalArgumentException if the entry already has an id
     * @throws IllegalStateException if the store cannot be written
     */
    BookEntry add(BookEntry entry);

    /**
     * Adds every entry in one transaction: after a failure or a crash either all of them are there or
     * none.
     *
     * @throws IllegalArgumentException if an entry already has an id
     * @throws IllegalStateException if the store cannot be written (then none was added)
     */
    List<BookEntry> addAll(List<BookEntry> entries);

    /** @throws IllegalArgumentException if there is no entry with that id */
    BookEntry update(BookEntry entry);

    /** {@code false} if there was none. */
    boolean remove(String id);

    Optional<BookEntry> entry(String id);

    /** Every entry, sorted by name. */
    List<BookEntry> entries();

    /** Entries whose name, organisation, notes, groups or any address contain {@code query} (any case). */
    List<BookEntry> search(String query, int limit);

    /** The names of every group some entry is in, sorted (since 1.1). */
    SortedSet<String> groups();

    /** The entries in {@code group} (exact name), sorted by name (since 1.1). */
    List<BookEntry> inGroup(String group);

    /** Increases with every change, so caches of lookups know when they are stale. */
    long revision();

    /** Entries with an address equal to {@code address} once both are normalised (see {@link NumberPlan}). */
    List<BookEntry> withAddress(String address);
}

package dev.switchboard.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The profile's embedded SQL database (H2). A transaction committed through a connection of this
 * store survives the process being killed; the store reopens cleanly after a crash; a second process
 * opening the same profile gets a clear {@link SQLException} instead of a damaged file.
 */
@ProviderType
public interface Store {

    /**
     * A connection with auto-commit on; the caller closes it. Safe from any thread.
     *
     * @throws SQLException if the database cannot be opened, e.g. because another process holds it
     */
    Connection connection() throws SQLException;

    /**
     * Brings one owner's schema up to date: applies {@code migrations.get(i)} for every step i not
     * yet recorded for {@code owner}, each in one transaction, in order. Idempotent. H2 commits DDL
     * statements implicitly, so a step mixing DDL with other statements should be written so that
     * running it again after a crash in the middle does no harm ({@code IF NOT EXISTS}).
     *
     * @param owner      who the steps belong to, e.g. the bundle's symbolic name
     * @param migrations SQL scripts (statements separated by {@code ;}); never reorder or edit
     *                   published steps, only append new ones
     */
    void migrate(String owner, List<String> migrations) throws SQLException;
}

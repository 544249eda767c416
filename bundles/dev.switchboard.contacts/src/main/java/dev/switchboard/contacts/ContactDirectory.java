package dev.switchboard.contacts;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The merged view over every {@link dev.switchboard.core.contacts.ContactSource} service. Each source
 * has its own time-out, so a slow or dead one never holds the others up: the answer comes when every
 * source has answered, failed or timed out, and says which did what.
 */
@ProviderType
public interface ContactDirectory {

    /** Favourites first, then names starting with the query, then by name; at most {@code limit}. */
    CompletionStage<MergedSearch> search(String query, int limit);

    /** A type-ahead session: each new query cancels the searches of the one before. */
    TypeAhead typeAhead(int limit);

    /** One text field's searches; {@link #update} as the user types, {@link #close} when done. */
    interface TypeAhead extends AutoCloseable {

        /** Cancels the previous query's search (its stage completes cancelled) and starts this one. */
        CompletionStage<MergedSearch> update(String query);

        @Override
        void close();
    }
}

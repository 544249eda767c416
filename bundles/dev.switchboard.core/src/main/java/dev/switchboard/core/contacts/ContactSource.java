package dev.switchboard.core.contacts;

import java.util.List;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI of a contact source (local book, LDAP directory, roster, history). Every call returns at
 * once; a slow or unreachable source completes late or exceptionally without holding up others.
 */
@ConsumerType
public interface ContactSource {

    String id();

    /** What the user sees, e.g. "Corporate directory". */
    String name();

    /** Contacts whose name, organisation or any address contains {@code query}. */
    CompletionStage<List<Contact>> search(String query, int limit);
}

package dev.switchboard.core.presence;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told when a contact's presence (or the user's own) changes. */
@ConsumerType
public interface PresenceListener {

    /** Accounts and contact of a change of the user's own presence, which spans all accounts. */
    String OWN = "";

    /**
     * @param accountId the account that learned it, or {@link #OWN} for the user's own presence
     * @param contact   the contact's address, or {@link #OWN} for the user's own presence
     */
    void presenceChanged(String accountId, String contact, Presence presence);
}

package dev.switchboard.core.presence;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told when a contact's presence (or the user's own) changes. */
@ConsumerType
public interface PresenceListener {

    /**
     * @param accountId the account that learned it
     * @param contact   the contact's address; the user's own address for own changes
     */
    void presenceChanged(String accountId, String contact, Presence presence);
}

package dev.switchboard.core.presence;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Session capability of protocols with a server-side contact list and presence subscriptions
 * (XMPP). Changes are sent to the server at once; they fail with {@link IllegalStateException}
 * saying why when the account is offline or the server refuses.
 *
 * @since 1.1
 */
@ConsumerType
public interface Roster {

    /** The contact list as the server last sent it, sorted by address. */
    List<RosterEntry> entries();

    /** Adds or updates a contact and asks to see its presence. */
    void add(String address, String name, Set<String> groups);

    void rename(String address, String name);

    void setGroups(String address, Set<String> groups);

    /** Removes the contact and cancels both directions of subscription. */
    void remove(String address);

    /** Addresses that asked to see the user's presence and have not been answered. */
    List<String> pendingRequests();

    /** Lets {@code address} see the user's presence. */
    void approve(String address);

    /** Refuses {@code address}'s request (or revokes an earlier approval). */
    void deny(String address);
}

package dev.switchboard.contacts;

import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.messaging.Message;

/**
 * Click-to-call and click-to-chat: picks an address of a contact and an account to reach it with, and
 * hands them to the call manager or the messaging service.
 */
@ProviderType
public interface ContactActions {

    enum Intent {
        CALL, CHAT
    }

    /**
     * One way to reach a contact.
     *
     * @param dialString what goes to the call manager or messaging service, e.g. {@code sip:bob@host}
     */
    record Route(ContactAddress address, String accountId, String protocol, String dialString) {
        public Route {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(dialString, "dialString");
        }
    }

    /**
     * Every usable route, best first: addresses whose presence is most available first, then by
     * protocol preference for the intent (calls: SIP, number, IAX2, H.323; chat: XMPP, SIP), through
     * registered accounts of a protocol that can carry it.
     */
    List<Route> routes(MergedContact contact, Intent intent);

    /**
     * Calls through the first route.
     *
     * @throws IllegalStateException if no registered account can reach any of the contact's addresses
     */
    Call call(MergedContact contact);

    /**
     * Sends a message through the first chat route.
     *
     * @throws IllegalStateException if no registered account can carry a message to the contact
     */
    Message chat(MergedContact contact, String text);
}

package dev.switchboard.core.spi;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;

import org.osgi.annotation.versioning.ProviderType;

/** How a protocol session reports to the core. Any thread may call it. */
@ProviderType
public interface SessionListener {

    void registrationChanged(RegistrationState state);

    /**
     * A call has arrived. The core runs its policies and then either rings (returning the
     * listener for the leg's later events) or tells the leg to reject/forward.
     */
    CallLegListener incomingCall(CallLeg leg, Participant caller);

    void messageReceived(Message message);

    void presenceChanged(String contact, Presence presence);

    /**
     * The peer confirmed it received a message this session sent (e.g. an XMPP delivery receipt).
     *
     * @param messageId the {@link Message#id()} of the sent message
     * @since 1.1
     */
    default void messageDelivered(String peer, String messageId) {
    }
}

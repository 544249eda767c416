package dev.switchboard.core.impl.internal;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;

/**
 * What the core's managers hear from protocol sessions, with the account each event belongs to.
 * Each manager handles its own part; the defaults ignore the rest.
 */
interface SessionEvents {

    default void registrationChanged(Account account, RegistrationState state) {
    }

    /** @return the listener for the leg's later events, or {@code null} if this sink does not take calls */
    default CallLegListener incomingCall(Account account, CallLeg leg, Participant caller) {
        return null;
    }

    default void messageReceived(Message message) {
    }

    default void presenceChanged(Account account, String contact, Presence presence) {
    }

    default void messageDelivered(Account account, String peer, String messageId) {
    }
}

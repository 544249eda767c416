package dev.switchboard.core.messaging;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Session capability of protocols with chat rooms (XMPP MUC). Room messages arrive as
 * {@link Message}s whose {@code peer} is the room and {@code sender} the occupant's nickname; they
 * are sent through {@link MessagingService#send} with the room as the recipient.
 *
 * @since 1.1
 */
@ConsumerType
public interface GroupChat {

    /**
     * Enters a room (creating it if the server allows), waiting until the server confirms.
     *
     * @param password empty for rooms without one
     * @throws IllegalStateException with the server's reason (wrong password, nickname taken, ...)
     */
    void join(String room, String nickname, String password);

    void leave(String room);

    /** The rooms this session is in. */
    List<String> rooms();

    /** Nicknames of the room's occupants, sorted. */
    List<String> occupants(String room);

    /** The room's subject; empty when none is set. */
    String subject(String room);

    void changeSubject(String room, String subject);
}

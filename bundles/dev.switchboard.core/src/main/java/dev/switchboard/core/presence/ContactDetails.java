package dev.switchboard.core.presence;

import java.time.Duration;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Session capability of protocols that know more about a contact than its presence: its avatar and
 * how long it has been idle (XMPP vCard avatars XEP-0153, last activity XEP-0012). Each call asks
 * the server and waits for its answer.
 *
 * @since 1.2
 */
@ConsumerType
public interface ContactDetails {

    /**
     * How long the contact has been idle (online) or away since logging out (offline).
     *
     * @return empty if the contact's server or client does not say
     * @throws IllegalStateException if the session is offline or the server does not answer
     */
    Optional<Duration> idleTime(String contact);

    /** @return empty if the contact has no avatar */
    Optional<Avatar> avatar(String contact);

    /** Publishes the user's own avatar. */
    void publishAvatar(Avatar avatar);
}

package dev.switchboard.core.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol provider's live side of one account. Methods return quickly; outcomes are reported to
 * the {@link SessionListener} given at open.
 */
@ConsumerType
public interface ProtocolSession {

    /** Registers (or logs in) and keeps the registration alive until {@link #unregister()}. */
    void register();

    void unregister();

    /**
     * Starts an outgoing call.
     *
     * @throws UnsupportedOperationException if the protocol has no calls (e.g. XMPP chat only)
     * @throws IllegalArgumentException if {@code address} is malformed for this protocol
     */
    CallLeg dial(String address, CallLegListener listener);

    /**
     * Session-level capabilities such as
     * {@link dev.switchboard.core.spi.PresencePublisher} or {@link dev.switchboard.core.spi.MessageSender}.
     */
    <T> Optional<T> capability(Class<T> type);

    /** Releases every resource; the session is not used afterwards. */
    void close();
}

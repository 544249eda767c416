package dev.switchboard.core.call;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A call owned by the {@link CallManager}. Operations a protocol may or may not support are
 * capabilities (see {@code dev.switchboard.core.call.capability}): a front end enables a control
 * only when {@link #capability(Class)} returns one.
 */
@ProviderType
public interface Call {

    /** Short id chosen by the call manager, unique while the runtime lives. */
    String id();

    String accountId();

    Direction direction();

    CallState state();

    /** Present once the call has {@link CallState#ENDED}. */
    Optional<EndReason> endReason();

    /** The remote parties; more than one in a conference. */
    List<Participant> participants();

    /** The negotiated audio codec, e.g. {@code PCMU/8000}; empty before media is agreed. */
    Optional<String> codec();

    Instant createdAt();

    /** When the call was first connected. */
    Optional<Instant> connectedAt();

    <T> Optional<T> capability(Class<T> type);

    /** Answers a {@link CallState#RINGING_IN} call. */
    void answer();

    /** Declines a {@link CallState#RINGING_IN} call. */
    void reject();

    /**
     * Sends a {@link CallState#RINGING_IN} call on, unanswered, to {@code target} (another number,
     * the voice mailbox); the call then ends here as forwarded. The default is for call models
     * that cannot forward.
     *
     * @throws UnsupportedOperationException if this call cannot be forwarded
     * @since 1.2
     */
    default void forward(String target) {
        throw new UnsupportedOperationException("this call cannot be forwarded");
    }

    /** Ends the call in any state but {@link CallState#ENDED}; cancels an unanswered outgoing call. */
    void hangup();
}

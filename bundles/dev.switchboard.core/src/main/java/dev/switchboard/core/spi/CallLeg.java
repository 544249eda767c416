package dev.switchboard.core.spi;

import java.util.Optional;

import dev.switchboard.core.call.Participant;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol's side of one call. Call capabilities ({@code dev.switchboard.core.call.capability})
 * are offered through {@link #capability(Class)}.
 */
@ConsumerType
public interface CallLeg {

    Participant remote();

    /** Negotiated audio codec, e.g. {@code PCMU/8000}. */
    Optional<String> codec();

    void answer();

    /** Declines an incoming call; {@code detail} may shape the response (e.g. busy vs. decline). */
    void reject(String detail);

    /** Redirects an incoming call that has not been answered (e.g. SIP 302). */
    void forward(String target);

    void hangup();

    <T> Optional<T> capability(Class<T> type);
}

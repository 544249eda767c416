package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The call's current audio quality as the protocol's media measures it (RTCP reports, jitter buffer
 * statistics), for a front end's quality icon. Front ends poll it, typically with the call timer.
 */
@ConsumerType
public interface QualityIndicator {

    /** A rough verdict a user understands at a glance. */
    enum Rating {
        GOOD, FAIR, POOR, UNKNOWN
    }

    /** Nothing measured yet is {@link Rating#UNKNOWN}. */
    Rating rating();

    /**
     * The figures behind the rating in one line for a tooltip, e.g.
     * {@code "PCMU/8000, loss 0.5 %, jitter 12 ms, RTT 40 ms, buffer 60 ms"}; empty when unknown.
     */
    String detail();
}

package dev.switchboard.media.rtp;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an {@link RtpSession} reports, always on its receive thread. Return quickly: the next packet waits.
 * Exceptions thrown here are logged and do not stop the session.
 */
@ConsumerType
public interface RtpSessionListener {

    /**
     * A packet from a validated source (RFC 3550 A.1: a new source's first packet only counts once a
     * second one follows it in sequence, so that first packet is not delivered). The packet and its
     * payload are reused for the next datagram: copy what must be kept.
     */
    void received(RtpPacket packet);

    /** No RTP has arrived for the session's inactivity timeout; reported once until packets flow again. */
    default void inactive(Duration silentFor) {
    }

    /**
     * A valid RTCP compound packet arrived from the peer; {@code quality} is the session's snapshot right
     * after it (round-trip times change only here).
     */
    default void reportReceived(RtpQuality quality) {
    }

    /** The peer source {@code ssrc} said goodbye (RTCP BYE). */
    default void bye(long ssrc) {
    }
}

package dev.switchboard.media.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a media session.
 *
 * @param localAddress      the address to bind RTP/RTCP to (framed sessions ignore it)
 * @param cname             the RTCP canonical name (RFC 3550 §6.5.1), e.g. {@code user@host}
 * @param endpoints         the user's devices for this call
 * @param rtcpMux           whether RTP and RTCP share one port (RFC 5761), as negotiated
 * @param inactivityTimeout how long without media from the peer before
 *                          {@link MediaSessionListener#inactive} is called; {@link Duration#ZERO} never
 */
public record MediaSessionOptions(InetAddress localAddress, String cname, AudioEndpoints endpoints, boolean rtcpMux,
        Duration inactivityTimeout) {

    /** The inactivity timeout of {@link #of}: long enough for hold without comfort noise to be judged by the UI. */
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(30);

    public MediaSessionOptions {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (inactivityTimeout.isNegative()) {
            throw new IllegalArgumentException("inactivity timeout must not be negative");
        }
    }

    /** Options without RTCP multiplexing and with {@link #DEFAULT_INACTIVITY_TIMEOUT}. */
    public static MediaSessionOptions of(InetAddress localAddress, String cname, AudioEndpoints endpoints) {
        return new MediaSessionOptions(localAddress, cname, endpoints, false, DEFAULT_INACTIVITY_TIMEOUT);
    }

    public MediaSessionOptions withLocalAddress(InetAddress address) {
        return new MediaSessionOptions(address, cname, endpoints, rtcpMux, inactivityTimeout);
    }

    public MediaSessionOptions withCname(String name) {
        return new MediaSessionOptions(localAddress, name, endpoints, rtcpMux, inactivityTimeout);
    }

    public MediaSessionOptions withEndpoints(AudioEndpoints devices) {
        return new MediaSessionOptions(localAddress, cname, devices, rtcpMux, inactivityTimeout);
    }

    public MediaSessionOptions withRtcpMux(boolean mux) {
        return new MediaSessionOptions(localAddress, cname, endpoints, mux, inactivityTimeout);
    }

    public MediaSessionOptions withInactivityTimeout(Duration timeout) {
        return new MediaSessionOptions(localAddress, cname, endpoints, rtcpMux, timeout);
    }
}

package dev.switchboard.media.rtp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open an {@link RtpSession}.
 *
 * @param localAddress the address to bind (never the wildcard in tests: 127.0.0.1)
 * @param clockRate the RTP clock of the payload format, e.g. 8000 for PCMU; used for jitter and SR timestamps
 * @param cname the RTCP canonical name (RFC 3550 6.5.1), e.g. {@code user@host}
 * @param rtcpMux RTP and RTCP on one port (RFC 5761) instead of an even port and the next odd one
 * @param inactivityTimeout after this long without RTP, {@link RtpSessionListener#inactive} is reported
 * @param minimumRtcpInterval the RTCP interval's lower bound; RFC 3550 6.2 recommends 5 s and allows less
 *        (360 s divided by the session bandwidth in kbit/s); the first report waits half of it
 * @param sessionBandwidth the session's bandwidth in bits per second, of which RTCP takes 5 %
 */
public record RtpSessionOptions(InetAddress localAddress, int clockRate, String cname, boolean rtcpMux,
        Duration inactivityTimeout, Duration minimumRtcpInterval, int sessionBandwidth) {

    /** RFC 3550 6.2's recommended minimum. */
    public static final Duration DEFAULT_MINIMUM_RTCP_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofSeconds(30);
    /** G.711 at 50 packets per second with IP/UDP/RTP headers. */
    public static final int DEFAULT_SESSION_BANDWIDTH = 80_000;

    public RtpSessionOptions {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(cname, "cname");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        Objects.requireNonNull(minimumRtcpInterval, "minimumRtcpInterval");
        if (clockRate <= 0 || sessionBandwidth <= 0) {
            throw new IllegalArgumentException("clock rate and bandwidth must be positive");
        }
        if (cname.isEmpty() || cname.length() > 255) {
            throw new IllegalArgumentException("a CNAME has 1..255 characters");
        }
        if (inactivityTimeout.isNegative() || inactivityTimeout.isZero() || minimumRtcpInterval.isNegative()
                || minimumRtcpInterval.isZero()) {
            throw new IllegalArgumentException("timeouts and intervals must be positive");
        }
    }

    /** Separate RTP/RTCP ports and the defaults above. */
    public static RtpSessionOptions of(InetAddress localAddress, int clockRate, String cname) {
        return new RtpSessionOptions(localAddress, clockRate, cname, false, DEFAULT_INACTIVITY_TIMEOUT,
                DEFAULT_MINIMUM_RTCP_INTERVAL, DEFAULT_SESSION_BANDWIDTH);
    }

    public RtpSessionOptions withRtcpMux(boolean value) {
        return new RtpSessionOptions(localAddress, clockRate, cname, value, inactivityTimeout, minimumRtcpInterval,
                sessionBandwidth);
    }

    public RtpSessionOptions withInactivityTimeout(Duration value) {
        return new RtpSessionOptions(localAddress, clockRate, cname, rtcpMux, value, minimumRtcpInterval,
                sessionBandwidth);
    }

    public RtpSessionOptions withMinimumRtcpInterval(Duration value) {
        return new RtpSessionOptions(localAddress, clockRate, cname, rtcpMux, inactivityTimeout, value,
                sessionBandwidth);
    }
}

package dev.switchboard.media.internal.rtp;

/** The deterministic part of the RTCP transmission interval (RFC 3550 6.3.1, A.7). */
public final class RtcpInterval {
    /** The e - 3/2 compensation for timer reconsideration converging below the intended average. */
    private static final double RECONSIDERATION_COMPENSATION = Math.E - 1.5;
    private static final double SENDER_SHARE = 0.25;
    private static final double RECEIVER_SHARE = 1 - SENDER_SHARE;

    private RtcpInterval() {
    }

    /**
     * The interval in seconds before randomisation: at least {@code minimumSeconds} (half of it before the
     * first report), otherwise what keeps all members' RTCP within {@code rtcpBandwidth} bytes/s, senders
     * getting a quarter of it when they are at most a quarter of the members.
     */
    public static double deterministic(int members, int senders, double rtcpBandwidth, boolean weSent,
            double averageRtcpSize, boolean initial, double minimumSeconds) {
        double minimum = initial ? minimumSeconds / 2 : minimumSeconds;
        int n = members;
        double bandwidth = rtcpBandwidth;
        if (senders <= members * SENDER_SHARE) {
            if (weSent) {
                bandwidth *= SENDER_SHARE;
                n = senders;
            } else {
                bandwidth *= RECEIVER_SHARE;
                n -= senders;
            }
        }
        return Math.max(averageRtcpSize * n / bandwidth, minimum);
    }

    /**
     * The randomised interval in seconds: {@code deterministic} times a uniform factor in [0.5, 1.5),
     * divided by the reconsideration compensation.
     *
     * @param uniform a uniform random number in [0, 1)
     */
    public static double randomised(double deterministic, double uniform) {
        return deterministic * (uniform + 0.5) / RECONSIDERATION_COMPENSATION;
    }
}

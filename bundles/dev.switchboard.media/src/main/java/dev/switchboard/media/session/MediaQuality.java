package dev.switchboard.media.session;

/**
 * A per-call quality summary a UI shows, from RTCP (RTP sessions) or the protocol's own statistics.
 *
 * @param codec              the codec's rtpmap ({@code PCMU/8000}), empty before a format is set
 * @param packetsSent        packets we sent
 * @param packetsReceived    packets we received
 * @param packetsLost        packets lost on the way to us (cumulative, RFC 3550 definition)
 * @param fractionLost       loss fraction 0-1 over the recent interval
 * @param jitterMillis       interarrival jitter in ms (RFC 3550 §6.4.1)
 * @param roundTripMillis    round-trip time in ms, {@link Double#NaN} when unknown
 * @param playoutDelayMillis the jitter buffer's current playout delay in ms
 * @param concealedFrames    frames the jitter buffer had to conceal (loss or late arrival)
 * @param rating             the verdict for the UI
 */
public record MediaQuality(String codec, long packetsSent, long packetsReceived, long packetsLost, double fractionLost,
        double jitterMillis, double roundTripMillis, double playoutDelayMillis, long concealedFrames, Rating rating) {

    /** Rough call quality for a UI icon. */
    public enum Rating {
        GOOD, FAIR, POOR, UNKNOWN
    }

    /** Nothing measured yet. */
    public static final MediaQuality UNKNOWN = new MediaQuality("", 0, 0, 0, 0, 0, Double.NaN, 0, 0, Rating.UNKNOWN);
}

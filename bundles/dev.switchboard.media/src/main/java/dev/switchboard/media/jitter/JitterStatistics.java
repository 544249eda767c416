package dev.switchboard.media.jitter;

/**
 * A snapshot of a jitter buffer's behaviour since it was created.
 *
 * @param targetDelayMillis the playout delay the buffer aims for, relative to the fastest recent packet
 * @param addedDelayMillis  the delay the buffer currently adds beyond the fastest recent packet
 * @param packetsReceived   distinct packets taken (duplicates excluded, late ones included)
 * @param latePackets       packets that came after their time had already been concealed
 * @param duplicates        packets taken more than once
 * @param concealedFrames   frames played from concealment instead of a packet
 * @param samplesInserted   samples added to stretch the playout (delay grown, or a slower sender clock)
 * @param samplesDropped    samples removed to shrink the playout (delay shrunk, or a faster sender clock)
 */
public record JitterStatistics(double targetDelayMillis, double addedDelayMillis, long packetsReceived,
        long latePackets, long duplicates, long concealedFrames, long samplesInserted, long samplesDropped) {

    /** Late packets as a share of the packets received, 0..1. */
    public double lateFraction() {
        return packetsReceived == 0 ? 0 : (double) latePackets / packetsReceived;
    }
}

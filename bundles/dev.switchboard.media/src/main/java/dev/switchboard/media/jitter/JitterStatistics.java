package dev.switchboard.media.jitter;

/**
 * A snapshot of a jitter buffer's behaviour since it was created.
 *
 * @param targetDelayMillis the playout delay the buffer aims for, relative to the fastest recent packet
 * @param addedDelayMillis  the delay the buffer currently adds beyond the fastest recent packet
 * @param packetsReceived   distinct packets taken (duplicates excluded, late ones included)
 * @param latePackets       packets that came after their time had already been concealed
 * @param duplicates        packets taken more than once
 * @param concealedFrames   frames played without their own packet (concealed, or recovered by FEC)
 * @param samplesInserted   samples added to stretch the playout (delay grown, or a slower sender clock)
 * @param samplesDropped    samples removed to shrink the playout (delay shrunk, or a faster sender clock)
 * @param recoveredFrames   of the concealed frames, those rebuilt from the next packet's forward error
 *                          correction ({@link dev.switchboard.media.codec.FecDecoder}); since 1.1.0
 */
public record JitterStatistics(double targetDelayMillis, double addedDelayMillis, long packetsReceived,
        long latePackets, long duplicates, long concealedFrames, long samplesInserted, long samplesDropped,
        long recoveredFrames) {

    /** Statistics of a buffer that recovers nothing by FEC (the 1.0 form). */
    public JitterStatistics(double targetDelayMillis, double addedDelayMillis, long packetsReceived,
            long latePackets, long duplicates, long concealedFrames, long samplesInserted, long samplesDropped) {
        this(targetDelayMillis, addedDelayMillis, packetsReceived, latePackets, duplicates, concealedFrames,
                samplesInserted, samplesDropped, 0);
    }

    /** Late packets as a share of the packets received, 0..1. */
    public double lateFraction() {
        return packetsReceived == 0 ? 0 : (double) latePackets / packetsReceived;
    }
}

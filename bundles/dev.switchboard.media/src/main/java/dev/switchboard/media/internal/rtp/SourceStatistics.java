package dev.switchboard.media.internal.rtp;

/**
 * Reception state of one peer source: validation and extended sequence numbers (RFC 3550 A.1), loss
 * (A.3) and interarrival jitter (A.8). Not thread-safe.
 */
public final class SourceStatistics {
    static final int MIN_SEQUENTIAL = 2;
    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final long ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long payloadOctets;
    private boolean haveTransit;
    private long transit;
    private double jitter;
    private int lastFractionLost;

    /** Starts on the source's first packet, which is then passed to {@link #accept} like every other. */
    public SourceStatistics(long ssrc, int firstSequence) {
        this.ssrc = ssrc;
        initSequence(firstSequence);
        maxSeq = (firstSequence - 1) & 0xffff;
        probation = MIN_SEQUENTIAL;
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * Applies one packet's sequence number.
     *
     * @return whether the packet counts: false while the source is on probation and for a big jump that
     *         is not yet confirmed by its successor
     */
    public boolean accept(int sequence) {
        int forward = (sequence - maxSeq) & 0xffff;
        if (probation > 0) {
            if (sequence == ((maxSeq + 1) & 0xffff)) {
                probation--;
                maxSeq = sequence;
                if (probation == 0) {
                    initSequence(sequence);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = sequence;
            }
            return false;
        }
        if (forward < MAX_DROPOUT) {
            if (sequence < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = sequence;
        } else if (forward <= SEQ_MOD - MAX_MISORDER) {
            if (sequence == badSeq) {
                // two packets in sequence after a big jump: the peer restarted its numbering
                initSequence(sequence);
            } else {
                badSeq = (sequence + 1) & 0xffff;
                return false;
            }
        }
        // else: a duplicate or a packet that arrived late; it still counts as received
        received++;
        return true;
    }

    /**
     * Applies one accepted packet's timing to the jitter estimate.
     *
     * @param arrival the arrival time in RTP clock units (any origin, as long as it is the same each time)
     */
    public void arrived(long arrival, long rtpTimestamp, int payloadLength) {
        payloadOctets += payloadLength;
        long packetTransit = arrival - rtpTimestamp;
        if (haveTransit) {
            long difference = Math.abs(Wraparound.timestampDistance(packetTransit, transit));
            jitter += (difference - jitter) / 16.0;
        }
        transit = packetTransit;
        haveTransit = true;
    }

    public boolean validated() {
        return probation == 0;
    }

    public long received() {
        return received;
    }

    public long payloadOctets() {
        return payloadOctets;
    }

    /** The highest sequence number seen, with the wrap-around count in the high 16 bits. */
    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public long expected() {
        return extendedHighestSequence() - baseSeq + 1;
    }

    /** Expected minus received; negative when duplicates outnumber losses. */
    public long cumulativeLost() {
        return expected() - received;
    }

    /** Cumulative loss as the 24-bit signed field of a report block, clamped. */
    public int cumulativeLostField() {
        return (int) Math.max(-0x80_0000, Math.min(0x7f_ffff, cumulativeLost()));
    }

    /**
     * The fraction lost since the previous call, in 1/256 (the report block field), and starts the next
     * interval.
     */
    public int takeFractionLost() {
        long expectedNow = expected();
        long expectedInterval = expectedNow - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expectedNow;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        lastFractionLost = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        return lastFractionLost;
    }

    /** The value {@link #takeFractionLost()} last returned. */
    public int lastFractionLost() {
        return lastFractionLost;
    }

    /** The jitter in RTP clock units, as the report block carries it. */
    public long jitter() {
        return (long) jitter;
    }

    public double jitterExact() {
        return jitter;
    }

    private void initSequence(int sequence) {
        baseSeq = sequence;
        maxSeq = sequence;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }
}

package dev.switchboard.media.internal.jitter;

import java.util.Arrays;
import java.util.function.LongSupplier;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.FecDecoder;
import dev.switchboard.media.internal.rtp.Wraparound;
import dev.switchboard.media.jitter.JitterBuffer;
import dev.switchboard.media.jitter.JitterStatistics;

/**
 * A jitter buffer that plays each packet a target delay after its media time, where the target is a high
 * percentile of recent transit delays (arrival time minus media time, so the network's and the sender's
 * clock offset cancel out).
 * <p>
 * Timing is kept in PCM samples of the codec's sample rate: a packet's media position is its extended
 * RTP timestamp converted to samples, the playout clock is the buffer's clock converted to samples. The
 * buffer changes its delay in three ways: at a talk-spurt start (marker bit or a timestamp that does not
 * continue the previous packet) it waits in silence until the new spurt's first packet is due, which
 * moves the delay freely; during a spurt it removes or repeats a few samples with a crossfade, in quiet
 * frames when there is time, in any frame when packets would otherwise be late; and a loss of more than
 * {@link #FADE_FRAMES} frames ends the spurt as if the sender had gone silent. Pauses between spurts
 * are filled with comfort noise at the level of the background heard before them ({@link ComfortNoise});
 * a lost frame whose next packet is here is rebuilt from that packet's FEC when the codec has it.
 */
public final class AdaptiveJitterBuffer implements JitterBuffer {
    static final int MAX_PAYLOAD = 1500;
    /** About 2.5 s of 20 ms packets: more than any jitter worth waiting for. */
    private static final int SLOTS = 128;
    /** About 5 s of 20 ms packets: long enough for a stable percentile, short enough for clock drift. */
    private static final int TRANSIT_WINDOW = 250;
    /** Packets later than this share of recent ones are given up on, which keeps late loss near 0.5 %. */
    private static final double ON_TIME_QUANTILE = 0.995;
    private static final int FADE_FRAMES = 3;
    /** Mean absolute amplitude below which a frame is quiet enough to stretch unnoticed (about -44 dBFS). */
    private static final int QUIET_AMPLITUDE = 200;

    private static final byte EMPTY = 0;
    private static final byte BUFFERED = 1;
    private static final byte PLAYED = 2;
    private static final byte CONCEALED = 3;

    private final Decoder decoder;
    /** The decoder again if it can rebuild a lost frame from the next packet's FEC, else null. */
    private final FecDecoder fecDecoder;
    private final LongSupplier nanoClock;
    private final int sampleRate;
    private final int clockRate;
    private final int frameSamples;
    private final PitchRepetitionConcealer concealer;
    private final ComfortNoise comfortNoise;

    /**
     * Each slot's copy of its packet, made on the slot's first packet and grown only for a longer one: a call's
     * buffer would otherwise start with 192 KB of slots sized for the longest payload, allocated at every call set-up
     * (G.711's 160-octet packets fill all slots with 20 KB).
     */
    private final byte[][] payloads = new byte[SLOTS][];
    private final int[] payloadLengths = new int[SLOTS];
    private final long[] slotSequences = new long[SLOTS];
    private final long[] slotPositions = new long[SLOTS];
    private final boolean[] slotMarkers = new boolean[SLOTS];
    private final byte[] slotStates = new byte[SLOTS];

    /** The recent transit delays in arrival order (a ring) and the same kept sorted, for the percentile. */
    private final long[] transits = new long[TRANSIT_WINDOW];
    private final long[] sortedTransits = new long[TRANSIT_WINDOW];
    private int transitCount;
    private int nextTransit;
    private long targetDelay;
    private long fastestTransit;

    /** Decoded samples not yet pulled, at {@code pending[pendingStart, pendingStart + pendingCount)}. */
    private final short[] pending;
    private int pendingStart;
    private int pendingCount;

    /** An RFC 3389 packet said the sender went quiet; cleared by its next audio packet. */
    private boolean senderPaused;
    private boolean haveFirstPacket;
    private long highestSequence;
    private long highestTimestamp;
    /** False between talk spurts: silence is played until the next spurt's first packet is due. */
    private boolean playing;
    private boolean anchored;
    private long nextSequence;
    private long nextPosition;
    private int lastFrameSamples;
    private int consecutiveConcealed;
    /** When the current pull started, in samples of the buffer's clock, and how many samples it takes. */
    private long pullTime;
    private int pullSamples;
    /** Play time minus media position of the last decoded frame. */
    private long playoutDelay;

    private long packetsReceived;
    private long latePackets;
    private long duplicates;
    private long concealedFrames;
    private long recoveredFrames;
    private long samplesInserted;
    private long samplesDropped;

    public AdaptiveJitterBuffer(CodecInfo codec, Decoder decoder, LongSupplier nanoClock) {
        this.decoder = decoder;
        this.fecDecoder = decoder instanceof FecDecoder fec ? fec : null;
        this.nanoClock = nanoClock;
        sampleRate = codec.sampleRate();
        clockRate = codec.clockRate();
        frameSamples = codec.samplesPerFrame() * codec.channels();
        lastFrameSamples = frameSamples;
        concealer = new PitchRepetitionConcealer(sampleRate, FADE_FRAMES * frameSamples);
        comfortNoise = new ComfortNoise(frameSamples);
        // room for a packet of up to 120 ms (the longest ptime in use) stretched by half, plus a leftover frame
        pending = new short[Math.max(4 * frameSamples, sampleRate * 180 / 1000 * codec.channels() + frameSamples)];
    }

    @Override
    public synchronized void put(int sequenceNumber, long timestamp, boolean marker, byte[] payload, int offset,
            int length) {
        long arrival = nowInSamples();
        if (senderPaused) {
            senderPaused = false;
            comfortNoise.resumed();
        }
        long sequence;
        long extendedTimestamp;
        if (!haveFirstPacket) {
            haveFirstPacket = true;
            sequence = sequenceNumber & 0xffff;
            extendedTimestamp = timestamp & 0xffff_ffffL;
            highestSequence = sequence;
            highestTimestamp = extendedTimestamp;
        } else {
            sequence = highestSequence + Wraparound.sequenceDistance(sequenceNumber, (int) highestSequence);
            extendedTimestamp = highestTimestamp + Wraparound.timestampDistance(timestamp, highestTimestamp);
            if (sequence > highestSequence) {
                highestSequence = sequence;
                highestTimestamp = extendedTimestamp;
            }
        }
        int slot = slotOf(sequence);
        if (slotSequences[slot] == sequence && (slotStates[slot] == BUFFERED || slotStates[slot] == PLAYED)) {
            duplicates++;
            return;
        }
        long position = Math.floorDiv(extendedTimestamp * sampleRate, clockRate);
        packetsReceived++;
        recordTransit(arrival - position);
        if (anchored && position < nextPosition) {
            latePackets++;
            return;
        }
        if (length > MAX_PAYLOAD) {
            // no RTP payload over UDP is this long; treat it like a packet lost on the way
            return;
        }
        if (payloads[slot] == null || payloads[slot].length < length) {
            payloads[slot] = new byte[length];
        }
        System.arraycopy(payload, offset, payloads[slot], 0, length);
        payloadLengths[slot] = length;
        slotSequences[slot] = sequence;
        slotPositions[slot] = position;
        slotMarkers[slot] = marker;
        slotStates[slot] = BUFFERED;
    }

    @Override
    public synchronized void pull(short[] pcm, int offset, int samples) {
        pullTime = nowInSamples();
        pullSamples = samples;
        int written = 0;
        while (written < samples) {
            if (pendingCount == 0 && !produce(pullTime + written)) {
                // a pause between talk spurts (the sender is silent, e.g. DTX): its background, not silence
                comfortNoise.fill(pcm, offset + written, samples - written);
                return;
            }
            int count = Math.min(pendingCount, samples - written);
            System.arraycopy(pending, pendingStart, pcm, offset + written, count);
            pendingStart += count;
            pendingCount -= count;
            written += count;
        }
    }

    @Override
    public synchronized void comfortNoise(int levelMinusDbov) {
        senderPaused = true;
        comfortNoise.signalled(levelMinusDbov);
    }

    @Override
    public synchronized JitterStatistics statistics() {
        return new JitterStatistics(millis(targetDelay - fastestTransit), millis(playoutDelay - fastestTransit),
                packetsReceived, latePackets, duplicates, concealedFrames, samplesInserted, samplesDropped,
                recoveredFrames);
    }

    /**
     * Appends the next frame to the pending samples: decoded, concealed, or nothing between talk spurts.
     *
     * @param playTime when the first appended sample will be played, in samples of the buffer's clock
     * @return whether something was appended
     */
    private boolean produce(long playTime) {
        pendingStart = 0;
        boolean spurtStart = false;
        if (!playing) {
            int first = earliestBufferedSlot();
            if (first < 0 || slotPositions[first] + targetDelay > pullTime) {
                return false;
            }
            playing = true;
            anchored = true;
            spurtStart = true;
            nextSequence = slotSequences[first];
            nextPosition = slotPositions[first];
        }
        int slot = slotOf(nextSequence);
        if (slotStates[slot] != BUFFERED || slotSequences[slot] != nextSequence) {
            int following = firstBufferedAfter(nextSequence);
            if (following >= 0 && slotPositions[following] == nextPosition) {
                // the sequence numbers in between were not audio of this payload type: RFC 4733 events and
                // RFC 3389 comfort noise share the stream's numbering, and a sender may interleave them with
                // its audio. The timestamps say no audio is missing, so nothing is concealed.
                nextSequence = slotSequences[following];
                slot = following;
            }
        }
        if (senderPaused && (slotStates[slot] != BUFFERED || slotSequences[slot] != nextSequence)) {
            // the sender said it went quiet: the spurt is over, nothing is lost
            playing = false;
            return false;
        }
        if (slotStates[slot] == BUFFERED && slotSequences[slot] == nextSequence) {
            if (!spurtStart && (slotPositions[slot] != nextPosition || slotMarkers[slot])) {
                playing = false;
                return produce(playTime);
            }
            return decodeFrame(slot, playTime);
        }
        if (consecutiveConcealed >= FADE_FRAMES && earliestBufferedSlot() < 0) {
            playing = false;
            return false;
        }
        concealFrame(slot);
        return true;
    }

    private boolean decodeFrame(int slot, long playTime) {
        int decoded;
        try {
            decoded = decoder.decode(payloads[slot], 0, payloadLengths[slot], pending, 0);
        } catch (IllegalArgumentException e) {
            // a payload the codec cannot read is as good as lost
            slotStates[slot] = EMPTY;
            concealFrame(slot);
            return true;
        }
        slotStates[slot] = PLAYED;
        nextSequence++;
        playoutDelay = playTime - nextPosition;
        nextPosition += decoded;
        lastFrameSamples = decoded;
        consecutiveConcealed = 0;
        concealer.receive(pending, 0, decoded);
        comfortNoise.decoded(pending, 0, decoded);
        pendingCount = decoded;
        adjustDelay(playTime);
        return true;
    }

    private void concealFrame(int slot) {
        int concealed = recoverFromNextPacket();
        if (concealed > 0) {
            recoveredFrames++;
        } else {
            concealed = decoder.conceal(pending, 0, lastFrameSamples);
        }
        if (concealed == 0) {
            concealer.conceal(pending, 0, lastFrameSamples);
            concealed = lastFrameSamples;
        }
        if (slotStates[slot] != BUFFERED) {
            slotSequences[slot] = nextSequence;
            slotStates[slot] = CONCEALED;
        }
        nextSequence++;
        nextPosition += concealed;
        pendingCount = concealed;
        concealedFrames++;
        consecutiveConcealed++;
    }

    /**
     * Rebuilds the missing frame from the forward error correction in the packet that follows it, when
     * the codec has FEC and that packet is already here and continues the same talk spurt (the lost
     * frame is assumed as long as the last one, which is what the FEC in the next packet covers).
     *
     * @return samples written to {@link #pending}, or 0 when there is nothing to recover from
     */
    private int recoverFromNextPacket() {
        if (fecDecoder == null) {
            return 0;
        }
        int next = slotOf(nextSequence + 1);
        if (slotStates[next] != BUFFERED || slotSequences[next] != nextSequence + 1 || slotMarkers[next]
                || slotPositions[next] != nextPosition + lastFrameSamples) {
            return 0;
        }
        try {
            return fecDecoder.recover(payloads[next], 0, payloadLengths[next], pending, 0, lastFrameSamples);
        } catch (IllegalArgumentException e) {
            // the next packet is unreadable: it will be concealed in its turn, this one now
            return 0;
        }
    }

    /**
     * Moves the delay toward the target by stretching the frame just decoded. What limits lateness is
     * the delay at which the next packet is fetched: at the start of the pull during which the current
     * frame runs out, up to one pull before its first sample is played. The frames are therefore kept
     * ending on pull boundaries, where fetch and play time coincide: removing the part that overhangs the
     * last boundary costs no tolerance, each further removal must be a whole pull, and growing moves
     * the end to a later boundary.
     * <p>
     * Too little delay makes packets late, so it is corrected in any frame; surplus is only removed in
     * quiet frames, unless it exceeds two frames (a sender clock that runs fast never pauses).
     */
    private void adjustDelay(long playTime) {
        long nextStart = playTime + pendingCount;
        long overhang = Math.floorMod(nextStart - pullTime, pullSamples);
        long nextFetchDelay = nextStart - overhang - nextPosition;
        if (nextFetchDelay < targetDelay) {
            long pullsShort = Math.ceilDiv(targetDelay - nextFetchDelay, pullSamples);
            insertSamples((int) Math.min(pullsShort * pullSamples - overhang, pendingCount / 2));
            return;
        }
        long surplus = overhang + (nextFetchDelay - targetDelay) / pullSamples * pullSamples;
        boolean large = surplus > 2L * frameSamples;
        if (surplus > 0 && (quiet() || large)) {
            dropSamples((int) Math.min(surplus, large ? pendingCount / 8 : pendingCount / 2));
        }
    }

    private boolean quiet() {
        long sum = 0;
        for (int i = 0; i < pendingCount; i++) {
            sum += Math.abs(pending[i]);
        }
        return sum < (long) QUIET_AMPLITUDE * pendingCount;
    }

    /** Repeats {@code count} samples: the frame's head, then a crossfade from its continuation back to the head. */
    private void insertSamples(int count) {
        if (count <= 0) {
            return;
        }
        System.arraycopy(pending, count, pending, 2 * count, pendingCount - count);
        for (int i = 0; i < count; i++) {
            double weight = (i + 0.5) / count;
            pending[count + i] = (short) Math.round(pending[2 * count + i] * (1 - weight) + pending[i] * weight);
        }
        pendingCount += count;
        samplesInserted += count;
    }

    /** Removes {@code count} samples by crossfading the frame's head into what follows it. */
    private void dropSamples(int count) {
        if (count <= 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            double weight = (i + 0.5) / count;
            pending[i] = (short) Math.round(pending[i] * (1 - weight) + pending[count + i] * weight);
        }
        System.arraycopy(pending, 2 * count, pending, count, pendingCount - 2 * count);
        pendingCount -= count;
        samplesDropped += count;
    }

    /** The buffered packet with the lowest sequence number above {@code sequence}, or -1. */
    private int firstBufferedAfter(long sequence) {
        int first = -1;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (slotStates[slot] == BUFFERED && slotSequences[slot] > sequence
                    && (first < 0 || slotSequences[slot] < slotSequences[first])) {
                first = slot;
            }
        }
        return first;
    }

    private int earliestBufferedSlot() {
        int earliest = -1;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (slotStates[slot] == BUFFERED
                    && (earliest < 0 || slotSequences[slot] < slotSequences[earliest])) {
                earliest = slot;
            }
        }
        return earliest;
    }

    private void recordTransit(long transit) {
        if (transitCount == TRANSIT_WINDOW) {
            removeSorted(transits[nextTransit]);
        }
        insertSorted(transit);
        transits[nextTransit] = transit;
        nextTransit = (nextTransit + 1) % TRANSIT_WINDOW;
        int index = (int) Math.ceil(ON_TIME_QUANTILE * transitCount) - 1;
        targetDelay = sortedTransits[Math.max(0, index)];
        fastestTransit = sortedTransits[0];
    }

    private void insertSorted(long transit) {
        int at = Arrays.binarySearch(sortedTransits, 0, transitCount, transit);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sortedTransits, at, sortedTransits, at + 1, transitCount - at);
        sortedTransits[at] = transit;
        transitCount++;
    }

    private void removeSorted(long transit) {
        int at = Arrays.binarySearch(sortedTransits, 0, transitCount, transit);
        System.arraycopy(sortedTransits, at + 1, sortedTransits, at, transitCount - at - 1);
        transitCount--;
    }

    private long nowInSamples() {
        return Math.round(nanoClock.getAsLong() * (sampleRate / 1e9));
    }

    private double millis(long samples) {
        return samples * 1000.0 / sampleRate;
    }

    private static int slotOf(long sequence) {
        return (int) (sequence & (SLOTS - 1));
    }
}

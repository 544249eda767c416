package dev.switchboard.media.internal.pipeline;

import java.util.Arrays;

import dev.switchboard.media.internal.audio.FrameFifo;
import dev.switchboard.media.internal.audio.Resampler;

/**
 * A member call's place in a conference: the call's media loop sees it as its local audio (reading what
 * the conference says to its peer, writing what its peer said), the bridge's loop takes the peer's audio
 * and gives back the mix-minus. The two loops run on their own clocks, so a queue in each direction
 * decouples them; a queue that ran dry waits until it holds {@value #PRIMING_FRAMES} bridge frames before
 * giving audio again (a little delay instead of a click every frame), and one that grows beyond
 * {@value #MAX_QUEUED_MILLIS} ms drops its oldest audio.
 */
final class BridgePort implements LocalAudio {

    static final int PRIMING_FRAMES = 2;
    static final int MAX_QUEUED_MILLIS = 200;

    private final int memberRate;
    private final int bridgeRate;
    private final int bridgeFrame;
    // member loop -> bridge (the peer's voice)
    private final Resampler toBridge;
    private final short[] toBridgeBuffer;
    private final FrameFifo uplink;
    private boolean uplinkPrimed;
    // bridge -> member loop (what the peer should hear)
    private final Resampler toMember;
    private final short[] toMemberBuffer;
    private final FrameFifo downlink;
    private boolean downlinkPrimed;
    private final short[] discard;
    private final Object lock = new Object();

    BridgePort(int memberRate, int bridgeRate, int bridgeFrame) {
        this.memberRate = memberRate;
        this.bridgeRate = bridgeRate;
        this.bridgeFrame = bridgeFrame;
        int maxMember = memberRate * MAX_QUEUED_MILLIS / 1000;
        int maxBridge = bridgeRate * MAX_QUEUED_MILLIS / 1000;
        this.toBridge = memberRate == bridgeRate ? null : new Resampler(memberRate, bridgeRate);
        this.toMember = memberRate == bridgeRate ? null : new Resampler(bridgeRate, memberRate);
        this.toBridgeBuffer = new short[maxBridge];
        this.toMemberBuffer = new short[maxMember];
        this.uplink = new FrameFifo(maxBridge * 2);
        this.downlink = new FrameFifo(maxMember * 2);
        this.discard = new short[Math.max(maxBridge, maxMember)];
    }

    @Override
    public boolean paced() {
        return false;
    }

    /** The member loop reads what its peer should hear. */
    @Override
    public void read(short[] pcm, int offset, int count) {
        synchronized (lock) {
            downlinkPrimed = take(downlink, downlinkPrimed, pcm, offset, count, count);
        }
    }

    /** The member loop hands over what its peer said. */
    @Override
    public void write(short[] pcm, int offset, int count) {
        synchronized (lock) {
            if (toBridge == null) {
                put(uplink, pcm, offset, count, bridgeRate);
            } else {
                int produced = toBridge.process(pcm, offset, count, toBridgeBuffer, 0);
                put(uplink, toBridgeBuffer, 0, produced, bridgeRate);
            }
        }
    }

    /** The bridge loop takes one frame of the peer's voice (silence while the queue fills). */
    void takeFromMember(short[] frame) {
        synchronized (lock) {
            uplinkPrimed = take(uplink, uplinkPrimed, frame, 0, bridgeFrame, bridgeFrame);
        }
    }

    /** The bridge loop gives one frame of mix-minus for the peer. */
    void giveToMember(short[] frame) {
        synchronized (lock) {
            if (toMember == null) {
                put(downlink, frame, 0, bridgeFrame, memberRate);
            } else {
                int produced = toMember.process(frame, 0, bridgeFrame, toMemberBuffer, 0);
                put(downlink, toMemberBuffer, 0, produced, memberRate);
            }
        }
    }

    private boolean take(FrameFifo fifo, boolean primed, short[] to, int offset, int count, int frame) {
        if (!primed && fifo.size() >= PRIMING_FRAMES * frame) {
            primed = true;
        }
        if (!primed || fifo.size() < count) {
            Arrays.fill(to, offset, offset + count, (short) 0);
            return false;
        }
        fifo.take(to, offset, count);
        return true;
    }

    private void put(FrameFifo fifo, short[] from, int offset, int count, int rate) {
        fifo.add(from, offset, count);
        int excess = fifo.size() - rate * MAX_QUEUED_MILLIS / 1000;
        if (excess > 0) {
            fifo.take(discard, 0, excess);
        }
    }

    @Override
    public void close() {
    }
}

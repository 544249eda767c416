package dev.switchboard.media.internal.jitter;

import java.util.Arrays;
import java.util.Random;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.jitter.JitterStatistics;

/**
 * A sender, a network and a playout device on one simulated clock: the sender produces 20 ms frames of
 * {@link #signal(long)} on its own clock (which may drift), the network delays, drops, duplicates and so
 * reorders them, and the device pulls 20 ms from the buffer on the receiver's clock. Everything is
 * decided by the seed, so a run is reproducible.
 */
final class PlayoutSimulation {
    static final int SAMPLE_RATE = 8000;
    static final int FRAME_MILLIS = 20;
    static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;
    static final CodecInfo L16_MONO = new CodecInfo("L16", SAMPLE_RATE, SAMPLE_RATE, 1, CodecInfo.DYNAMIC,
            FRAME_MILLIS, "");
    /** Frames concealed after the sender's last packet, before the buffer falls silent. */
    static final int TAIL_FRAMES = 3;
    /** Speech-like rhythm of the test signal: this long voiced, then {@link #PAUSE_FRAMES} nearly silent. */
    static final int VOICED_FRAMES = 80;
    static final int PAUSE_FRAMES = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final double BASE_DELAY_MILLIS = 10;

    /** Extra network delay of one packet in milliseconds. */
    interface Jitter {
        double millis(Random random, double sendSeconds);
    }

    private double seconds = 60;
    private double lossRate;
    private double duplicateRate;
    private Jitter jitter = (random, time) -> 0;
    private double senderClockRate = 1;
    private boolean discontinuousTransmission;
    private int firstSequence = 1000;
    private long firstTimestamp = 123_456;
    private double pullPhaseMillis = 7;
    private long seed = 1;
    private int interleavedFrom = -1;
    private int interleavedTo = -1;
    private Decoder decoder = LinearPcmDecoder.withoutConcealment();

    /** Sent signal: a 125 Hz voice with harmonics under a slow envelope, with pauses every two seconds. */
    static short signal(long sample) {
        double t = (double) sample / SAMPLE_RATE;
        long frame = Math.floorDiv(sample, FRAME_SAMPLES);
        long inCycle = Math.floorMod(frame, VOICED_FRAMES + PAUSE_FRAMES);
        // voice fades in and out over a frame, as speech does, so that the signal itself never clicks
        double fade = Math.min(1, Math.min(sample - (frame - inCycle) * FRAME_SAMPLES,
                (frame - inCycle + VOICED_FRAMES) * FRAME_SAMPLES - sample) / (double) FRAME_SAMPLES);
        double envelope = inCycle < VOICED_FRAMES ? fade * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.7 * t)) : 0.002;
        double voice = 0.6 * Math.sin(2 * Math.PI * 125 * t) + 0.3 * Math.sin(2 * Math.PI * 250 * t + 1)
                + 0.1 * Math.sin(2 * Math.PI * 375 * t + 2);
        return (short) Math.round(12000 * envelope * voice + 40);
    }

    static boolean voiced(long frame) {
        return Math.floorMod(frame, VOICED_FRAMES + PAUSE_FRAMES) < VOICED_FRAMES;
    }

    PlayoutSimulation seconds(double value) {
        seconds = value;
        return this;
    }

    PlayoutSimulation lossRate(double value) {
        lossRate = value;
        return this;
    }

    PlayoutSimulation duplicateRate(double value) {
        duplicateRate = value;
        return this;
    }

    PlayoutSimulation jitter(Jitter value) {
        jitter = value;
        return this;
    }

    /** Uniformly distributed extra delay of 0..{@code millis}. */
    PlayoutSimulation uniformJitter(double millis) {
        return jitter((random, time) -> random.nextDouble() * millis);
    }

    /** The sender's clock runs this much faster than the receiver's (negative: slower), e.g. 0.001. */
    PlayoutSimulation clockDrift(double value) {
        senderClockRate = 1 + value;
        return this;
    }

    /** The sender sends nothing during pauses and sets the marker on each talk spurt's first packet. */
    PlayoutSimulation discontinuousTransmission() {
        discontinuousTransmission = true;
        return this;
    }

    PlayoutSimulation firstSequenceAndTimestamp(int sequence, long timestamp) {
        firstSequence = sequence;
        firstTimestamp = timestamp;
        return this;
    }

    /**
     * From frame {@code from} to frame {@code to} (exclusive) the sender also sends a packet of another payload
     * type after each audio packet, in the same sequence numbering (as baresip interleaves RFC 4733 events with its
     * audio); the buffer only gets the audio, as the media session routes the other type elsewhere.
     */
    PlayoutSimulation interleavedOtherPayload(int from, int to) {
        interleavedFrom = from;
        interleavedTo = to;
        return this;
    }

    PlayoutSimulation pullPhaseMillis(double value) {
        pullPhaseMillis = value;
        return this;
    }

    PlayoutSimulation seed(long value) {
        seed = value;
        return this;
    }

    PlayoutSimulation decoder(Decoder value) {
        decoder = value;
        return this;
    }

    /** @param everySecond the buffer's statistics after each simulated second */
    record Result(short[] output, JitterStatistics statistics, int framesSent, int packetsLost,
            int duplicatesSent, JitterStatistics[] everySecond) {

        /** The largest added delay seen once a second, from {@code fromSecond} on. */
        double maxAddedDelayMillis(int fromSecond) {
            double max = 0;
            for (int second = fromSecond; second < everySecond.length && everySecond[second] != null; second++) {
                max = Math.max(max, everySecond[second].addedDelayMillis());
            }
            return max;
        }
    }

    Result run() {
        Random random = new Random(seed);
        int frames = (int) Math.round(seconds * 1000 / FRAME_MILLIS);
        long[] arrivals = new long[2 * frames];
        int[] arrivalFrames = new int[2 * frames];
        int[] sequences = new int[frames];
        int packets = 0;
        int lost = 0;
        int duplicated = 0;
        int sequence = firstSequence;
        for (int frame = 0; frame < frames; frame++) {
            if (discontinuousTransmission && !voiced(frame)) {
                continue;
            }
            sequences[frame] = sequence++;
            if (frame >= interleavedFrom && frame < interleavedTo) {
                sequence++;
            }
            if (random.nextDouble() < lossRate) {
                lost++;
                continue;
            }
            double sendSeconds = (double) frame * FRAME_MILLIS / 1000 / senderClockRate;
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            duplicated += copies - 1;
            for (int copy = 0; copy < copies; copy++) {
                double arrivalSeconds = sendSeconds + (BASE_DELAY_MILLIS + jitter.millis(random, sendSeconds)) / 1000;
                arrivals[packets] = Math.round(arrivalSeconds * NANOS_PER_SECOND);
                arrivalFrames[packets] = frame;
                packets++;
            }
        }
        Integer[] order = new Integer[packets];
        for (int i = 0; i < packets; i++) {
            order[i] = i;
        }
        long[] arrivalTimes = arrivals;
        Arrays.sort(order, (a, b) -> Long.compare(arrivalTimes[a], arrivalTimes[b]));

        long[] clock = {0};
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(L16_MONO, decoder, () -> clock[0]);
        int pulls = frames + 100;
        short[] output = new short[pulls * FRAME_SAMPLES];
        short[] framePcm = new short[FRAME_SAMPLES];
        byte[] payload = new byte[2 * FRAME_SAMPLES];
        JitterStatistics[] everySecond = new JitterStatistics[pulls / 50 + 1];
        int next = 0;
        for (int pull = 0; pull < pulls; pull++) {
            long pullTime = Math.round((pull * FRAME_MILLIS + pullPhaseMillis) * 1_000_000);
            while (next < packets && arrivals[order[next]] <= pullTime) {
                int packet = order[next++];
                int frame = arrivalFrames[packet];
                for (int i = 0; i < FRAME_SAMPLES; i++) {
                    framePcm[i] = signal((long) frame * FRAME_SAMPLES + i);
                }
                int length = LinearPcmDecoder.encode(framePcm, 0, FRAME_SAMPLES, payload);
                boolean marker = frame == 0 || discontinuousTransmission && !voiced(frame - 1);
                clock[0] = arrivals[packet];
                buffer.put(sequences[frame] & 0xffff, (firstTimestamp + (long) frame * FRAME_SAMPLES) & 0xffff_ffffL,
                        marker, payload, 0, length);
            }
            clock[0] = pullTime;
            buffer.pull(output, pull * FRAME_SAMPLES, FRAME_SAMPLES);
            if (pull % 50 == 49) {
                everySecond[pull / 50] = buffer.statistics();
            }
        }
        return new Result(output, buffer.statistics(), frames, lost, duplicated, everySecond);
    }
}

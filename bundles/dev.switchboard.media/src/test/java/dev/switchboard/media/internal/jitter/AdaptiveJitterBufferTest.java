package dev.switchboard.media.internal.jitter;

import static dev.switchboard.media.internal.jitter.PlayoutSimulation.FRAME_SAMPLES;
import static dev.switchboard.media.internal.jitter.PlayoutSimulation.SAMPLE_RATE;
import static dev.switchboard.media.internal.jitter.PlayoutSimulation.signal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.internal.jitter.PlayoutSimulation.Result;
import dev.switchboard.media.jitter.JitterStatistics;

class AdaptiveJitterBufferTest {
    /** The test signal's largest step between neighbouring samples is about 1200. */
    private static final int MAX_SMOOTH_STEP = 2500;
    /**
     * With 10 ms of jitter and 0.1 % drift: the jitter, the 5 ms that drift spreads the transit delays over
     * the 5 s window, one pull of the pull grid, and the 2 s between two pauses in which the drift moves
     * the delay by 2 ms before a quiet frame can correct it.
     */
    private static final double DRIFTING_DELAY_BOUND_MILLIS = 10 + 5 + PlayoutSimulation.FRAME_MILLIS + 2;

    @Test
    void inOrderWithoutJitterPlaysTheInputExactlyWithLessThanOnePullOfDelay() {
        Result result = new PlayoutSimulation().seconds(30).run();

        int start = firstSoundAt(result.output());
        assertPlaysSignalFrom(result.output(), start, 0, 30 * SAMPLE_RATE);
        JitterStatistics statistics = result.statistics();
        assertEquals(0, statistics.latePackets());
        assertEquals(PlayoutSimulation.TAIL_FRAMES, statistics.concealedFrames());
        assertEquals(0, statistics.samplesInserted() + statistics.samplesDropped());
        assertTrue(statistics.addedDelayMillis() < PlayoutSimulation.FRAME_MILLIS, statistics.toString());
    }

    @Test
    void sequenceNumberAndTimestampWrapAroundUnnoticed() {
        Result result = new PlayoutSimulation().seconds(10).firstSequenceAndTimestamp(65_530, 0xffff_ffffL - 3 * FRAME_SAMPLES)
                .run();

        assertPlaysSignalFrom(result.output(), firstSoundAt(result.output()), 0, 10 * SAMPLE_RATE);
        assertEquals(PlayoutSimulation.TAIL_FRAMES, result.statistics().concealedFrames());
    }

    /**
     * RFC 4733 events (and RFC 3389 noise) share the stream's sequence numbers; a sender that keeps sending audio
     * during a key leaves a gap in the audio's numbering after every packet. The timestamps say nothing is missing:
     * no frame may be concealed and the delay may not move (counted as losses, each gap restarted the talk spurt and
     * left the delay hundreds of ms high, then shrunk by dropping samples: baresip's tone after its keys played 1.4 %
     * fast).
     */
    @Test
    void audioInterleavedWithOtherPayloadTypesPlaysUnchanged() {
        Result result = new PlayoutSimulation().seconds(10).interleavedOtherPayload(100, 160).uniformJitter(5).run();

        JitterStatistics statistics = result.statistics();
        assertEquals(PlayoutSimulation.TAIL_FRAMES, statistics.concealedFrames(), statistics.toString());
        assertEquals(0, statistics.latePackets(), statistics.toString());
        assertEquals(0, statistics.samplesInserted() + statistics.samplesDropped(), statistics.toString());
        assertPlaysSignalFrom(result.output(), firstSoundAt(result.output()), 0, 10 * SAMPLE_RATE);
    }

    @Test
    void reorderedPacketsArePlayedInOrder() {
        // every fourth packet overtakes the one before it
        Result result = new PlayoutSimulation().seconds(30).jitter((random, time) -> {
            long frame = Math.round(time * 50);
            return frame % 4 == 2 ? 25 : 0;
        }).run();

        JitterStatistics statistics = result.statistics();
        assertTrue(statistics.latePackets() <= 1, statistics.toString());
        assertTrue(statistics.concealedFrames() <= 1 + PlayoutSimulation.TAIL_FRAMES, statistics.toString());
        // once the buffer has seen the reordering, the signal plays unchanged
        int from = 5 * SAMPLE_RATE;
        assertPlaysSignalFrom(result.output(), from, matchingSignalSample(result.output(), from), 20 * SAMPLE_RATE);
    }

    @Test
    void duplicatesAreCountedAndPlayedOnce() {
        Result result = new PlayoutSimulation().seconds(30).duplicateRate(0.2).uniformJitter(5).run();

        JitterStatistics statistics = result.statistics();
        assertEquals(result.duplicatesSent(), statistics.duplicates());
        assertEquals(result.framesSent(), statistics.packetsReceived());
        int from = 5 * SAMPLE_RATE;
        assertPlaysSignalFrom(result.output(), from, matchingSignalSample(result.output(), from), 20 * SAMPLE_RATE);
    }

    @Test
    void randomLossIsConcealedWithoutClicks() {
        Result result = new PlayoutSimulation().seconds(60).lossRate(0.1).seed(3).run();

        JitterStatistics statistics = result.statistics();
        assertEquals(0, statistics.latePackets());
        assertConcealedExactlyTheLostFrames(result);
        assertSmooth(result.output());
    }

    @Test
    void theCodecsOwnConcealmentIsPreferred() {
        // louder than anything the test signal contains
        short marker = 20_000;
        Result result = new PlayoutSimulation().seconds(20).lossRate(0.1).decoder(LinearPcmDecoder.concealingWith(marker))
                .run();

        assertConcealedExactlyTheLostFrames(result);
        long markerSamples = 0;
        for (short sample : result.output()) {
            markerSamples += sample == marker ? 1 : 0;
        }
        assertEquals(result.statistics().concealedFrames() * FRAME_SAMPLES, markerSamples);
    }

    @Test
    void thirtyMillisecondsOfJitterWithFivePercentLoss() {
        for (double phase : new double[] {0, 5, 10, 15}) {
            Result result = new PlayoutSimulation().seconds(180).uniformJitter(30).lossRate(0.05).pullPhaseMillis(phase)
                    .seed(7).run();

            JitterStatistics statistics = result.statistics();
            String what = "pull phase " + phase + ": " + statistics;
            assertTrue(statistics.lateFraction() <= 0.01, what);
            // the jitter itself plus what is left of a pull until the pull grid reaches the packet: < 1.5 x jitter
            assertTrue(result.maxAddedDelayMillis(5) <= 1.5 * 30, what);
            assertTrue(statistics.targetDelayMillis() >= 25, what);
            assertSmooth(result.output());
        }
    }

    @Test
    void paretoJitterKeepsLateLossLow() {
        // heavy-tailed: most packets fast, a few very late (scale 5 ms, shape 2.5, capped at 200 ms)
        Result result = new PlayoutSimulation().seconds(180).lossRate(0.05)
                .jitter((random, time) -> Math.min(200, 5 / Math.pow(1 - random.nextDouble(), 1 / 2.5) - 5)).run();

        assertTrue(result.statistics().lateFraction() <= 0.01, result.statistics().toString());
    }

    @Test
    void fasterSenderClockDoesNotAccumulateDelay() {
        Result result = new PlayoutSimulation().seconds(300).clockDrift(0.001).uniformJitter(10).run();

        JitterStatistics statistics = result.statistics();
        // 0.1 % of 300 s is 2400 samples that must go
        long removed = statistics.samplesDropped() - statistics.samplesInserted();
        assertEquals(2400, removed, 400, statistics.toString());
        assertTrue(result.maxAddedDelayMillis(5) <= DRIFTING_DELAY_BOUND_MILLIS, statistics.toString());
        assertTrue(statistics.lateFraction() <= 0.01, statistics.toString());
        assertSmooth(result.output());
    }

    @Test
    void slowerSenderClockDoesNotStarveThePlayout() {
        Result result = new PlayoutSimulation().seconds(300).clockDrift(-0.001).uniformJitter(10).run();

        JitterStatistics statistics = result.statistics();
        long added = statistics.samplesInserted() - statistics.samplesDropped();
        assertEquals(2400, added, 400, statistics.toString());
        assertTrue(result.maxAddedDelayMillis(5) <= DRIFTING_DELAY_BOUND_MILLIS, statistics.toString());
        assertTrue(statistics.lateFraction() <= 0.01, statistics.toString());
        assertSmooth(result.output());
    }

    @Test
    void talkSpurtsAdaptTheDelayInTheirPauses() {
        // 40 ms of jitter for a minute, then 5 ms
        Result result = new PlayoutSimulation().seconds(120).discontinuousTransmission().clockDrift(0.001)
                .jitter((random, time) -> random.nextDouble() * (time < 60 ? 40 : 5)).run();

        JitterStatistics during = result.everySecond()[58];
        JitterStatistics after = result.everySecond()[118];
        assertTrue(during.targetDelayMillis() >= 35, during.toString());
        // 5 ms of jitter plus the 5 ms that 0.1 % drift moves the transit delays within the 5 s window
        assertTrue(after.targetDelayMillis() <= 11, after.toString());
        assertTrue(after.addedDelayMillis() <= 5 + PlayoutSimulation.FRAME_MILLIS, after.toString());
        assertTrue(result.statistics().lateFraction() <= 0.01, result.statistics().toString());
        // the pauses absorb both the shrinking and the drift: no sample of speech had to go
        assertEquals(0, result.statistics().samplesDropped(), result.statistics().toString());
        assertSmooth(result.output());
    }

    @Test
    void aPacketAfterItsConcealmentIsCountedLateAndNotPlayed() {
        long[] clock = {0};
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(PlayoutSimulation.L16_MONO,
                LinearPcmDecoder.concealingWith((short) 7), () -> clock[0]);
        short[] pcm = new short[FRAME_SAMPLES];
        byte[] payload = new byte[2 * FRAME_SAMPLES];
        for (int frame = 0; frame < 6; frame++) {
            clock[0] = frame * 20_000_000L;
            if (frame != 3) {
                Arrays.fill(pcm, (short) (100 + frame));
                LinearPcmDecoder.encode(pcm, 0, FRAME_SAMPLES, payload);
                buffer.put(frame, frame * (long) FRAME_SAMPLES, frame == 0, payload, 0, payload.length);
            }
            buffer.pull(pcm, 0, FRAME_SAMPLES);
            assertEquals(frame == 3 ? 7 : 100 + frame, pcm[0]);
            assertEquals(pcm[0], pcm[FRAME_SAMPLES - 1]);
        }
        Arrays.fill(pcm, (short) 103);
        LinearPcmDecoder.encode(pcm, 0, FRAME_SAMPLES, payload);
        buffer.put(3, 3L * FRAME_SAMPLES, false, payload, 0, payload.length);

        assertEquals(1, buffer.statistics().latePackets());
        assertEquals(1, buffer.statistics().concealedFrames());
    }

    @Test
    void sampleRateAboveTheRtpClockRateAsWithG722() {
        // G.722: 16 kHz audio, RTP clock 8 kHz, so a 20 ms packet advances the timestamp by 160 for 320 samples
        CodecInfo g722Like = new CodecInfo("G722", 8000, 16_000, 1, 9, 20, "");
        long[] clock = {0};
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(g722Like, LinearPcmDecoder.withoutConcealment(),
                () -> clock[0]);
        short[] sent = new short[320];
        short[] played = new short[320];
        byte[] payload = new byte[640];
        long timestamp = 0xffff_ffffL - 400;
        for (int frame = 0; frame < 500; frame++) {
            clock[0] = frame * 20_000_000L;
            for (int i = 0; i < sent.length; i++) {
                sent[i] = (short) (frame * 7 + i);
            }
            LinearPcmDecoder.encode(sent, 0, sent.length, payload);
            buffer.put(65_500 + frame, timestamp + 160L * frame, frame == 0, payload, 0, payload.length);
            buffer.pull(played, 0, played.length);
            assertArrayEquals(sent, played, "frame " + frame);
        }
        JitterStatistics statistics = buffer.statistics();
        assertEquals(0, statistics.concealedFrames() + statistics.samplesInserted() + statistics.samplesDropped());
        assertEquals(0, statistics.addedDelayMillis());
    }

    @Test
    void pullsAndPutsAllocateNothing() {
        long[] clock = {0};
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(PlayoutSimulation.L16_MONO,
                LinearPcmDecoder.withoutConcealment(), () -> clock[0]);
        short[] pcm = new short[FRAME_SAMPLES];
        byte[] payload = new byte[2 * FRAME_SAMPLES];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        runFrames(buffer, clock, pcm, payload, 0, 2000);
        long before = threads.getCurrentThreadAllocatedBytes();
        runFrames(buffer, clock, pcm, payload, 2000, 20_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes allocated in 18000 frames");
    }

    private static void runFrames(AdaptiveJitterBuffer buffer, long[] clock, short[] pcm, byte[] payload, int from,
            int to) {
        for (int frame = from; frame < to; frame++) {
            clock[0] = frame * 20_000_000L;
            // every tenth packet lost, every seventh 30 ms late, so that concealment and stretching run too
            if (frame % 10 != 3) {
                clock[0] += frame % 7 == 0 ? 30_000_000L : 0;
                buffer.put(frame, frame * (long) FRAME_SAMPLES, false, payload, 0, payload.length);
            }
            clock[0] = frame * 20_000_000L + 5_000_000L;
            buffer.pull(pcm, 0, FRAME_SAMPLES);
        }
    }

    /** Every lost packet, plus the fade-out after the last one. */
    private static void assertConcealedExactlyTheLostFrames(Result result) {
        long concealed = result.statistics().concealedFrames();
        assertTrue(concealed >= result.packetsLost() && concealed <= result.packetsLost() + PlayoutSimulation.TAIL_FRAMES,
                concealed + " concealed, " + result.packetsLost() + " lost");
    }

    private static int firstSoundAt(short[] output) {
        for (int i = 0; i < output.length; i++) {
            if (output[i] != 0) {
                return i;
            }
        }
        throw new AssertionError("nothing was played");
    }

    /** The signal sample that {@code output[at]} and the 200 samples after it are an exact copy of. */
    private static long matchingSignalSample(short[] output, int at) {
        for (long sample = 0; sample < output.length; sample++) {
            boolean matches = true;
            for (int i = 0; i < 200 && matches; i++) {
                matches = output[at + i] == signal(sample + i);
            }
            if (matches) {
                return sample;
            }
        }
        throw new AssertionError("the output at " + at + " is no copy of the signal");
    }

    private static void assertPlaysSignalFrom(short[] output, int at, long signalSample, int samples) {
        for (int i = 0; i < samples; i++) {
            if (output[at + i] != signal(signalSample + i)) {
                throw new AssertionError("output sample " + (at + i) + " is " + output[at + i] + ", sent sample "
                        + (signalSample + i) + " was " + signal(signalSample + i));
            }
        }
    }

    private static void assertSmooth(short[] output) {
        for (int i = 1; i < output.length; i++) {
            int step = Math.abs(output[i] - output[i - 1]);
            if (step > MAX_SMOOTH_STEP) {
                throw new AssertionError("a click: " + output[i - 1] + " then " + output[i] + " at sample " + i);
            }
        }
    }
}

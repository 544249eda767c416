package dev.switchboard.media.internal.jitter;

import static dev.switchboard.media.internal.jitter.PlayoutSimulation.FRAME_SAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.codec.FecDecoder;
import dev.switchboard.media.jitter.JitterStatistics;

/** The jitter buffer's use of a codec's in-band FEC, and comfort noise in the pauses of a DTX sender. */
class FecAndComfortNoiseTest {

    private static final long FRAME_NANOS = 20_000_000L;

    /**
     * A test codec with in-band FEC: each payload is the frame's L16 samples followed by the previous
     * frame's, so a lost frame can be rebuilt exactly from the packet after it.
     */
    private static final class RedundantL16 implements FecDecoder {
        private final LinearPcmDecoder plain = LinearPcmDecoder.concealingWith((short) 7);
        int recoveries;

        static byte[] payload(short[] frame, short[] previous) {
            byte[] payload = new byte[4 * FRAME_SAMPLES];
            LinearPcmDecoder.encode(frame, 0, FRAME_SAMPLES, payload);
            byte[] redundancy = new byte[2 * FRAME_SAMPLES];
            LinearPcmDecoder.encode(previous, 0, FRAME_SAMPLES, redundancy);
            System.arraycopy(redundancy, 0, payload, 2 * FRAME_SAMPLES, redundancy.length);
            return payload;
        }

        @Override
        public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmOffset) {
            return plain.decode(payload, offset, length / 2, pcm, pcmOffset);
        }

        @Override
        public int recover(byte[] nextPayload, int offset, int length, short[] pcm, int pcmOffset, int samples) {
            recoveries++;
            return plain.decode(nextPayload, offset + length / 2, length / 2, pcm, pcmOffset);
        }

        @Override
        public int conceal(short[] pcm, int pcmOffset, int samples) {
            return plain.conceal(pcm, pcmOffset, samples);
        }

        @Override
        public void reset() {
        }
    }

    private static short[] frame(int index) {
        short[] frame = new short[FRAME_SAMPLES];
        Arrays.fill(frame, (short) (1000 + 10 * index));
        return frame;
    }

    /**
     * Packets arrive one frame ahead of their playout (packet n+1 is put before frame n is pulled), so a
     * lost packet's successor is there when its turn comes, unless that one is lost too.
     */
    @Test
    void aLostFrameIsRebuiltFromTheNextPacketsFecWhenThatPacketIsThere() {
        long[] clock = {0};
        RedundantL16 decoder = new RedundantL16();
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(PlayoutSimulation.L16_MONO, decoder, () -> clock[0]);
        short[] played = new short[FRAME_SAMPLES];
        int frames = 12;
        for (int step = 0; step <= frames; step++) {
            clock[0] = step * FRAME_NANOS;
            boolean lost = step == 4 || step == 8 || step == 9; // 4 alone; 8 and 9 in a row
            if (step < frames && !lost) {
                byte[] payload = RedundantL16.payload(frame(step), step == 0 ? frame(-1) : frame(step - 1));
                buffer.put(step, step * (long) FRAME_SAMPLES, step == 0, payload, 0, payload.length);
            }
            if (step == 0) {
                continue;
            }
            buffer.pull(played, 0, FRAME_SAMPLES);
            int playing = step - 1;
            // 8 has no successor to recover from (9 is lost too): concealed; 9 comes back from 10's FEC
            short expected = playing == 8 ? 7 : frame(playing)[0];
            assertEquals(expected, played[0], "first sample of frame " + playing);
            assertEquals(expected, played[FRAME_SAMPLES - 1], "last sample of frame " + playing);
        }
        JitterStatistics statistics = buffer.statistics();
        assertEquals(3, statistics.concealedFrames(), statistics.toString());
        assertEquals(2, statistics.recoveredFrames(), statistics.toString());
        assertEquals(2, decoder.recoveries);
    }

    /** A DTX sender stops after its background; the pause is played as noise at that level, not silence. */
    @Test
    void aPauseAfterBackgroundNoiseIsFilledWithComfortNoiseAtItsLevel() {
        double background = 100;
        double[] pauseRms = playPauseAfter(background, new Random(1));
        for (int i = 5; i < pauseRms.length; i++) {
            double db = 20 * Math.log10(pauseRms[i] / background);
            assertTrue(Math.abs(db) < 2, "pause frame " + i + " at " + pauseRms[i] + " RMS for a background of " + background);
        }
    }

    /** A spurt that ends on loud audio is a loss or an end, not a pause in background noise: silence follows. */
    @Test
    void aPauseAfterLoudAudioStaysSilent() {
        double[] pauseRms = playPauseAfter(4000, new Random(2));
        for (int i = 5; i < pauseRms.length; i++) {
            assertEquals(0, pauseRms[i], "pause frame " + i);
        }
    }

    /**
     * An RFC 3389 packet after the spurt's last packet: the spurt ends there (nothing concealed) and the pause is
     * noise at the level the packet gives (-40 dBov: RMS 328), whatever the spurt's own level.
     */
    @Test
    void aSignalledNoiseLevelEndsTheSpurtAndFillsThePauseAtThatLevel() {
        JitterStatistics[] statistics = new JitterStatistics[1];
        double[] pauseRms = playPauseAfter(4000, new Random(3), 40, statistics);
        double expected = 32767 * Math.pow(10, -40 / 20.0);
        for (int i = 2; i < pauseRms.length; i++) {
            double db = 20 * Math.log10(pauseRms[i] / expected);
            assertTrue(Math.abs(db) < 2, "pause frame " + i + " at " + pauseRms[i] + " RMS for a signalled " + expected);
        }
        assertEquals(0, statistics[0].concealedFrames(), statistics[0].toString());
    }

    private static double[] playPauseAfter(double rms, Random random) {
        return playPauseAfter(rms, random, -1, new JitterStatistics[1]);
    }

    /**
     * Plays 20 frames of noise at {@code rms}, then 20 frames in which nothing arrives (after an RFC 3389 level,
     * unless negative); returns the RMS of those.
     */
    private static double[] playPauseAfter(double rms, Random random, int signalledLevel,
            JitterStatistics[] statistics) {
        long[] clock = {0};
        AdaptiveJitterBuffer buffer = new AdaptiveJitterBuffer(PlayoutSimulation.L16_MONO,
                LinearPcmDecoder.withoutConcealment(), () -> clock[0]);
        short[] pcm = new short[FRAME_SAMPLES];
        byte[] payload = new byte[2 * FRAME_SAMPLES];
        double[] pause = new double[20];
        for (int step = 0; step < 40; step++) {
            clock[0] = step * FRAME_NANOS;
            if (step < 20) {
                for (int i = 0; i < FRAME_SAMPLES; i++) {
                    pcm[i] = (short) Math.round(rms * Math.sqrt(3) * (2 * random.nextDouble() - 1));
                }
                LinearPcmDecoder.encode(pcm, 0, FRAME_SAMPLES, payload);
                buffer.put(step, step * (long) FRAME_SAMPLES, step == 0, payload, 0, payload.length);
                if (step == 19 && signalledLevel >= 0) {
                    buffer.comfortNoise(signalledLevel);
                }
            }
            buffer.pull(pcm, 0, FRAME_SAMPLES);
            if (step >= 20) {
                double sum = 0;
                for (short sample : pcm) {
                    sum += (double) sample * sample;
                }
                pause[step - 20] = Math.sqrt(sum / FRAME_SAMPLES);
            }
        }
        statistics[0] = buffer.statistics();
        return pause;
    }
}

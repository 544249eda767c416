package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class PlayoutClockTest {
    private static final long PERIOD = 20_000_000L;
    private static final long MILLI = 1_000_000L;

    @Test
    void lateWakeUpsAndACatchUpBurstKeepTheFrameSchedule() {
        PlayoutClock clock = new PlayoutClock();
        Random random = new Random(5);
        long start = 1_000 * MILLI;
        for (int frame = 0; frame < 500; frame++) {
            long scheduled = start + frame * PERIOD;
            // up to 3 ms late, plus a 300 ms stall at frame 200 made up by running frames 200-215 back to back
            long now = frame >= 200 && frame <= 215 ? start + 215 * PERIOD + 300 * MILLI
                    : scheduled + (frame == 0 ? 0 : (long) (random.nextDouble() * 3 * MILLI));
            long played = clock.nextFrame(PERIOD, now);
            assertTrue(Math.abs(played - scheduled) <= 1 * MILLI,
                    "frame " + frame + " stamped " + (played - scheduled) / 1e6 + " ms off its schedule");
        }
    }

    @Test
    void followsADeviceClockSlowerOrFasterThanTheSystemClock() {
        for (double drift : new double[] { 0.001, -0.001 }) {
            PlayoutClock clock = new PlayoutClock();
            long start = 1_000 * MILLI;
            long played = 0;
            long now = 0;
            for (int frame = 0; frame < 15_000; frame++) { // five minutes
                now = start + Math.round(frame * PERIOD * (1 + drift));
                played = clock.nextFrame(PERIOD, now);
                assertTrue(played <= now, "a frame is never stamped after it is processed");
            }
            // one window's worth of drift at most: 50 frames of 20 ms at 0.1 % is 1 ms
            assertTrue(now - played <= 2 * MILLI, drift + ": " + (now - played) / 1e6 + " ms behind the device");
        }
    }

    @Test
    void aFrameClockThatRestartedAfterALongStallMovesTheScheduleWithinTwoWindows() {
        PlayoutClock clock = new PlayoutClock();
        long start = 1_000 * MILLI;
        long skipped = 1_500 * MILLI;
        int last = 100 + 2 * PlayoutClock.WINDOW_FRAMES;
        long played = 0;
        for (int frame = 0; frame <= last; frame++) {
            played = clock.nextFrame(PERIOD, start + frame * PERIOD + (frame >= 100 ? skipped : 0));
        }
        assertEquals(start + last * PERIOD + skipped, played);
    }
}

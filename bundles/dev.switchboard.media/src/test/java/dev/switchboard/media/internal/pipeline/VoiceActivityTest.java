package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class VoiceActivityTest {
    private static final int FRAME = 160;

    private static short[] noise(Random random, double rms) {
        short[] frame = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            frame[i] = (short) Math.round(rms * random.nextGaussian());
        }
        return frame;
    }

    private static short[] voice(int frameIndex, double amplitude) {
        short[] frame = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            double t = (frameIndex * FRAME + i) / 8000.0;
            frame[i] = (short) Math.round(amplitude * (0.7 * Math.sin(2 * Math.PI * 150 * t) + 0.3 * Math.sin(2 * Math.PI * 450 * t)));
        }
        return frame;
    }

    @Test
    void speechOverBackgroundIsSpeechAndThePauseAfterItsHangoverIsNot() {
        VoiceActivity activity = new VoiceActivity();
        Random random = new Random(1);
        double background = 32767 * Math.pow(10, -50 / 20.0);
        // a call starts in a talk spurt: background is background once the hangover has passed
        for (int i = 0; i < 50; i++) {
            boolean speech = activity.speech(noise(random, background), FRAME, 20);
            assertEquals(i < VoiceActivity.HANGOVER_MILLIS / 20 - 1, speech, "background frame " + i);
        }
        assertEquals(50, activity.levelMinusDbov(), 1, "background level in -dBov");
        for (int i = 0; i < 50; i++) {
            assertTrue(activity.speech(voice(i, 8000), FRAME, 20), "voice frame " + i);
        }
        // 200 ms of hangover, then background again
        for (int i = 0; i < VoiceActivity.HANGOVER_MILLIS / 20 - 1; i++) {
            assertTrue(activity.speech(noise(random, background), FRAME, 20), "hangover frame " + i);
        }
        assertFalse(activity.speech(noise(random, background), FRAME, 20), "after the hangover");
    }

    @Test
    void aBackgroundThatGetsLouderIsFollowedAndSilenceIsNeverSpeech() {
        VoiceActivity activity = new VoiceActivity();
        Random random = new Random(2);
        int speechFrames = 0;
        // the background rises from -60 to -40 dBov over 30 s
        for (int i = 0; i < 1500; i++) {
            double dbov = -60 + 20.0 * i / 1500;
            if (activity.speech(noise(random, 32767 * Math.pow(10, dbov / 20)), FRAME, 20)) {
                speechFrames++;
            }
        }
        assertTrue(speechFrames < VoiceActivity.HANGOVER_MILLIS / 20 + 5, speechFrames + " frames of a rising background taken for speech");
        assertFalse(activity.speech(new short[FRAME], FRAME, 20));
        assertEquals(VoiceActivity.SILENT_MINUS_DBOV, activity.levelMinusDbov());
    }
}

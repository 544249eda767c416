package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MixMinusTest {

    private static final int RATE = 16000;
    private static final int COUNT = 1600;
    private static final double[] FREQUENCIES = { 500, 1000, 1500, 2500 };

    @Test
    void everyParticipantHearsAllOthersButNeverItself() {
        int participants = FREQUENCIES.length;
        short[][] inputs = new short[participants][];
        short[][] outputs = new short[participants][COUNT];
        for (int p = 0; p < participants; p++) {
            inputs[p] = Goertzel.tone(FREQUENCIES[p], RATE, COUNT, 4000);
        }
        short[] everyone = new short[COUNT];
        MixMinus.mix(inputs, outputs, participants, COUNT, new int[COUNT], everyone);

        for (int listener = 0; listener < participants; listener++) {
            for (int speaker = 0; speaker < participants; speaker++) {
                double heard = Goertzel.amplitude(outputs[listener], 0, COUNT, FREQUENCIES[speaker], RATE);
                if (listener == speaker) {
                    assertTrue(heard < 1, "participant " + listener + " hears itself at " + heard);
                } else {
                    assertEquals(4000, heard, 40, "participant " + listener + " hears " + speaker);
                }
            }
            assertEquals(4000, Goertzel.amplitude(everyone, 0, COUNT, FREQUENCIES[listener], RATE), 40);
        }
    }

    @Test
    void sumsExactlyAndClipsOnlyTheResult() {
        short[][] inputs = { { 30000, -30000, 100 }, { 30000, -30000, -50 }, { -30000, 30000, 7 } };
        short[][] outputs = new short[3][3];
        short[] everyone = new short[3];
        MixMinus.mix(inputs, outputs, 3, 3, new int[3], everyone);
        // participant 0 hears 30000 - 30000 = 0 in the first sample, not a clipped intermediate
        assertEquals(0, outputs[0][0]);
        assertEquals(Short.MAX_VALUE, outputs[2][0]);
        assertEquals(Short.MIN_VALUE, outputs[2][1]);
        assertEquals(-43, outputs[0][2]);
        assertEquals(107, outputs[1][2]);
        assertEquals(30000, everyone[0]);
        assertEquals(57, everyone[2]);
    }
}

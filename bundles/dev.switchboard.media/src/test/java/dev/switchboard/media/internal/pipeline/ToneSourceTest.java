package dev.switchboard.media.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.session.Tone;

/** Frequencies by Goertzel, cadences by where the tone is on in 25 ms blocks. */
class ToneSourceTest {

    private static final int RATE = 8000;
    /** 25 ms: every cadence here is a multiple, and 440 and 480 Hz (40 Hz apart) fall in each other's nulls. */
    private static final int BLOCK = RATE / 40;
    private static final double EXPECTED_AMPLITUDE = 32767 * Math.pow(10, ToneSource.LEVEL_DBFS / 20);

    @Test
    void ceptBusyIs425HzHalfASecondOnHalfOff() {
        short[] pcm = render(TonePlan.CEPT, Tone.BUSY, 3000);
        assertEquals(List.of(500, 500, 500, 500, 500, 500), runs(pcm, 425));
        assertEquals(EXPECTED_AMPLITUDE, Goertzel.amplitude(pcm, 0, 4000, 425, RATE), EXPECTED_AMPLITUDE * 0.02);
        assertTrue(Goertzel.amplitude(pcm, 0, 4000, 480, RATE) < EXPECTED_AMPLITUDE * 0.05);
    }

    @Test
    void ceptRingbackAndCongestionCadences() {
        assertEquals(List.of(1000, 4000, 1000, 4000), runs(render(TonePlan.CEPT, Tone.RINGBACK, 10000), 425));
        assertEquals(List.of(250, 250, 250, 250, 250, 250, 250, 250), runs(render(TonePlan.CEPT, Tone.CONGESTION, 2000), 425));
    }

    @Test
    void northAmericanRingbackIs440Plus480TwoOnFourOff() {
        short[] pcm = render(TonePlan.NORTH_AMERICA, Tone.RINGBACK, 12000);
        assertEquals(List.of(2000, 4000, 2000, 4000), runs(pcm, 440));
        assertEquals(List.of(2000, 4000, 2000, 4000), runs(pcm, 480));
        assertTrue(Goertzel.amplitude(pcm, 0, 16000, 425, RATE) < EXPECTED_AMPLITUDE * 0.1);
        assertEquals(List.of(500, 500, 500, 500), runs(render(TonePlan.NORTH_AMERICA, Tone.BUSY, 2000), 620));
    }

    @Test
    void callWaitingPlaysTwoBeepsOnceAndFinishes() {
        ToneSource source = new ToneSource(TonePlan.CEPT.cadence(Tone.CALL_WAITING), RATE);
        short[] pcm = new short[RATE];
        source.fill(pcm, 0, pcm.length);
        assertTrue(source.finished());
        // 200 on, 200 off, 200 on, then silence for the rest of the second
        assertEquals(List.of(200, 200, 200, 400), runs(pcm, 425));
    }

    @Test
    void dtmfFeedbackIsTheKeysPairFor100Ms() {
        ToneSource source = new ToneSource(TonePlan.CEPT.cadence(Tone.dtmfFeedback(DtmfEvent.DIGIT_5)), RATE);
        short[] pcm = new short[RATE / 2];
        source.fill(pcm, 0, pcm.length);
        assertEquals(List.of(100, 400), runs(pcm, 770));
        assertEquals(List.of(100, 400), runs(pcm, 1336));
        assertFalse(Goertzel.amplitude(pcm, 0, 800, 1209, RATE) > EXPECTED_AMPLITUDE * 0.1);
    }

    @Test
    void mixesIntoWhatIsThereWithClipping() {
        ToneSource source = new ToneSource(TonePlan.CEPT.cadence(Tone.BUSY), RATE);
        short[] pcm = new short[800];
        java.util.Arrays.fill(pcm, (short) 32000);
        source.mixInto(pcm, 0, pcm.length);
        int max = 0;
        for (short sample : pcm) {
            max = Math.max(max, sample);
        }
        assertEquals(Short.MAX_VALUE, max);
    }

    private static short[] render(TonePlan plan, Tone tone, int millis) {
        ToneSource source = new ToneSource(plan.cadence(tone), RATE);
        short[] pcm = new short[RATE * millis / 1000];
        // in frames, as the media loop pulls it
        for (int offset = 0; offset < pcm.length; offset += 160) {
            source.fill(pcm, offset, Math.min(160, pcm.length - offset));
        }
        return pcm;
    }

    /** Lengths in ms of the alternating on/off runs of {@code frequency} in 25 ms blocks, starting with "on". */
    private static List<Integer> runs(short[] pcm, double frequency) {
        List<Integer> runs = new ArrayList<>();
        boolean on = true;
        int length = 0;
        for (int block = 0; block + BLOCK <= pcm.length; block += BLOCK) {
            boolean sounding = Goertzel.amplitude(pcm, block, block + BLOCK, frequency, RATE) > EXPECTED_AMPLITUDE / 2;
            if (sounding != on) {
                runs.add(length * 25);
                on = sounding;
                length = 0;
            }
            length++;
        }
        runs.add(length * 25);
        return runs;
    }
}

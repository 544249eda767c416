package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevelMeterTest {

    @Test
    void aFullScaleSquareWaveIsZeroDbfsAndSilenceIsNegativeInfinity() {
        short[] square = new short[160];
        for (int i = 0; i < square.length; i++) {
            square[i] = (short) (i % 2 == 0 ? 32767 : -32768);
        }
        assertEquals(0.0, LevelMeter.dbfs(square, 160), 0.01);
        assertEquals(Double.NEGATIVE_INFINITY, LevelMeter.dbfs(new short[160], 160));
    }

    @Test
    void aSineAtHalfScaleIsAboutMinusNineDbfs() {
        short[] sine = new short[800];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 400 * i / 8000.0));
        }
        // half scale is -6 dB; a sine's RMS is 3 dB under its peak
        assertEquals(-9.03, LevelMeter.dbfs(sine, 800), 0.05);
    }
}

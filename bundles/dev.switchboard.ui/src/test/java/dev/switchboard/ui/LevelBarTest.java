package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LevelBarTest {

    @Test
    void theBarRunsFromMinusSixtyToZeroAndStaysEmptyWithoutAReading() {
        assertEquals(0, LevelBar.fill(Double.NaN));
        assertEquals(0, LevelBar.fill(Double.NEGATIVE_INFINITY));
        assertEquals(0, LevelBar.fill(-75));
        assertEquals(0.5, LevelBar.fill(-30), 1e-9);
        assertEquals(1, LevelBar.fill(0));
        assertEquals(1, LevelBar.fill(3));
    }

    @Test
    void screenReadersHearTheLevelInWords() {
        assertEquals("-23 dBFS", LevelBar.words(-23.4, false));
        assertEquals("silence", LevelBar.words(Double.NEGATIVE_INFINITY, false));
        assertEquals("muted", LevelBar.words(Double.NEGATIVE_INFINITY, true));
        assertEquals("no audio", LevelBar.words(Double.NaN, true));
    }
}

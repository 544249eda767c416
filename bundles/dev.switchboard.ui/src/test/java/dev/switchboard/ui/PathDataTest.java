package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathDataTest {

    @Test
    void absoluteAndRelativeCommandsDrawTheSameSquare() {
        Outline absolute = PathData.parse("M2 3L12 3L12 13L2 13Z");
        Outline relative = PathData.parse("m2,3 h10 v10 h-10 z");
        assertArrayEquals(new double[] {2, 3, 12, 13}, absolute.bounds());
        assertArrayEquals(absolute.bounds(), relative.bounds());
        assertTrue(relative.contains(7, 8));
        assertFalse(relative.contains(1, 8));
        // the closepath draws the left side: a stroke along it covers (2, 8)
        assertEquals(0, relative.distanceToSegments(2, 8), 1e-9);
    }

    @Test
    void numbersRunTogetherAsSvgAllowsAndPairsAfterAMoveAreLines() {
        // "1.8-1.8" is two numbers, ".8.5" too; "M0 0 4 0 4 4" draws two lines
        Outline path = PathData.parse("M0 0 4 0 4 4c0-1 .8-1.8 1.8-1.8z");
        double[] bounds = path.bounds();
        assertEquals(0, bounds[0], 1e-9);
        assertEquals(5.8, bounds[2], 1e-9);
        assertTrue(path.contains(3.5, 0.5));
    }

    @Test
    void unsupportedOrBrokenDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathData.parse("M0 0 A 5 5 0 0 1 10 10"));
        assertThrows(IllegalArgumentException.class, () -> PathData.parse("10 10"));
        assertThrows(IllegalArgumentException.class, () -> PathData.parse("M0 0 L5"));
        assertThrows(IllegalArgumentException.class, () -> PathData.parse("M0 0 L5 # 5"));
    }
}

package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.junit.jupiter.api.Test;

class PathDataTest {

    @Test
    void absoluteAndRelativeCommandsDrawTheSameSquare() {
        Rectangle2D absolute = PathData.parse("M2 3L12 3L12 13L2 13Z").getBounds2D();
        Rectangle2D relative = PathData.parse("m2,3 h10 v10 h-10 z").getBounds2D();
        assertEquals(new Rectangle2D.Double(2, 3, 10, 10), absolute);
        assertEquals(absolute, relative);
    }

    @Test
    void numbersRunTogetherAsSvgAllowsAndPairsAfterAMoveAreLines() {
        // "1.8-1.8" is two numbers, ".8.5" too; "M0 0 4 0 4 4" draws two lines
        Path2D.Double path = PathData.parse("M0 0 4 0 4 4c0-1 .8-1.8 1.8-1.8z");
        Rectangle2D bounds = path.getBounds2D();
        assertEquals(0, bounds.getMinX(), 1e-9);
        assertEquals(5.8, bounds.getMaxX(), 1e-9);
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

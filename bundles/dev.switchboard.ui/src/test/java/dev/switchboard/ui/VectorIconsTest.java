package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;

import dev.switchboard.core.presence.Availability;

/** Our vector icons drawn at each zoom's pixel size, without a display. */
class VectorIconsTest {

    @Test
    void thePresenceDotIsRasterisedAtEachZoomsPixelSizeWithATransparentOutside() {
        for (int pixels : new int[] {12, 24}) {
            ImageData dot = VectorIcons.presenceDot(Availability.AVAILABLE).rasterise(pixels);
            assertEquals(pixels, dot.width);
            assertEquals(pixels, dot.height);
            assertEquals(0, dot.getAlpha(0, 0), "corner not transparent at " + pixels + " px");
            int centre = pixels / 2;
            assertEquals(255, dot.getAlpha(centre, centre));
            assertEquals(VectorIcons.colour(Availability.AVAILABLE), dot.palette.getRGB(dot.getPixel(centre, centre)));
        }
    }

    @Test
    void atTwoHundredPercentTheEdgesAreDrawnFinerNotAScaledUpBitmap() {
        ImageData single = VectorIcons.trayIcon(Availability.AWAY, 2).rasterise(22);
        ImageData twice = VectorIcons.trayIcon(Availability.AWAY, 2).rasterise(44);
        assertEquals(22, single.width);
        assertEquals(44, twice.width);
        // a bitmap doubled in size has every 2x2 block of one value; a drawing at 44 px has edges inside blocks
        assertTrue(finerThanDoubled(twice) > 20, "the 44 px icon looks like the 22 px one doubled");
    }

    @Test
    void theTrayIconShowsTheMissedCallBadgeOnlyWithMissedCalls() {
        RGB badge = new RGB(200, 30, 40);
        ImageData none = VectorIcons.trayIcon(Availability.AVAILABLE, 0).rasterise(44);
        ImageData two = VectorIcons.trayIcon(Availability.AVAILABLE, 2).rasterise(44);
        // the badge's red ring at the top right, left of its white bars
        int x = 25;
        int y = 11;
        assertEquals(badge, two.palette.getRGB(two.getPixel(x, y)));
        assertNotEquals(badge, none.palette.getRGB(none.getPixel(x, y)));
    }

    /** How many 2x2 blocks hold more than one colour or opacity. */
    private static int finerThanDoubled(ImageData image) {
        int blocks = 0;
        for (int y = 0; y + 1 < image.height; y += 2) {
            for (int x = 0; x + 1 < image.width; x += 2) {
                int pixel = image.getPixel(x, y);
                int alpha = image.getAlpha(x, y);
                boolean uniform = true;
                for (int[] d : new int[][] {{1, 0}, {0, 1}, {1, 1}}) {
                    uniform &= image.getPixel(x + d[0], y + d[1]) == pixel && image.getAlpha(x + d[0], y + d[1]) == alpha;
                }
                blocks += uniform ? 0 : 1;
            }
        }
        return blocks;
    }
}

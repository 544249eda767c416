package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.PeerOutput;
import dev.switchboard.testing.peers.Xvfb;

/** An X client opens a window on the virtual display; the harness finds it by title and screenshots it. */
class XvfbIT {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    /** xmessage's window is about 200 x 50 pixels, mostly white. */
    private static final int PAINTED_WINDOW_PIXELS = 500;

    @RegisterExtension
    static final PeerExtension<Xvfb> XVFB = PeerExtension.of(() -> Xvfb.builder().screen(WIDTH, HEIGHT).start());

    @Test
    void windowIsFoundByTitleAndShowsOnTheScreenshot() throws Exception {
        Xvfb xvfb = XVFB.get();
        assertTrue(xvfb.display().matches(":\\d+"), xvfb.display());
        ProcessBuilder builder = new ProcessBuilder("xmessage", "-title", "switchboard-harness-probe",
                "-geometry", "+40+40", "Switchboard harness probe window").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(xvfb.environment());
        Process xmessage = builder.start();
        try {
            String windowId = xvfb.waitForWindow("switchboard-harness-probe", Duration.ofSeconds(10));
            assertTrue(windowId.matches("\\d+"), windowId);

            // a window can be mapped a moment before it is painted, so look again until it shows or time runs out
            Path png = PeerOutput.directory().resolve("XvfbIT-xmessage.png");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            BufferedImage image;
            do {
                image = ImageIO.read(xvfb.screenshot(png).toFile());
            } while (countNonBlackPixels(image) <= PAINTED_WINDOW_PIXELS && System.nanoTime() - deadline < 0);

            assertTrue(Files.size(png) > 200, "screenshot is only " + Files.size(png) + " bytes");
            assertEquals(WIDTH, image.getWidth());
            assertEquals(HEIGHT, image.getHeight());
            // Xvfb's root window is black; xmessage paints a white window with text at +40+40
            assertTrue(countNonBlackPixels(image) > PAINTED_WINDOW_PIXELS, "the xmessage window is not on the screenshot");
        } finally {
            xmessage.destroy();
            xmessage.waitFor();
        }
    }

    @Test
    void waitingForAWindowThatNeverOpensFails() {
        assertThrows(AssertionError.class,
                () -> XVFB.get().waitForWindow("no-such-window-title", Duration.ofMillis(300)));
    }

    private static int countNonBlackPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) != 0) {
                    count++;
                }
            }
        }
        return count;
    }
}

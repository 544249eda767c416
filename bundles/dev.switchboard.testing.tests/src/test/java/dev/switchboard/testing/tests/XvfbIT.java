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

            Path png = xvfb.screenshot(PeerOutput.directory().resolve("XvfbIT-xmessage.png"));

            assertTrue(Files.size(png) > 200, "screenshot is only " + Files.size(png) + " bytes");
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(WIDTH, image.getWidth());
            assertEquals(HEIGHT, image.getHeight());
            // Xvfb's root window is black; xmessage paints a white window with text at +40+40
            assertTrue(countNonBlackPixels(image) > 500, "the xmessage window is not on the screenshot");
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

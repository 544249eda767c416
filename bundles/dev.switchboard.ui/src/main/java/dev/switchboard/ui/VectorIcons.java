package dev.switchboard.ui;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import dev.switchboard.core.presence.Availability;

/**
 * The window's icons as vector drawings: circles and SVG path data ({@link PathData}) on a square of
 * icon units, drawn antialiased with Java 2D at exactly the pixels each zoom needs, so they are as
 * sharp at 200 % as at 100 % instead of a small bitmap scaled up. Not SWT's SVG loader: in this product
 * its rasteriser (JSVG) fails to load on Java 25 (SPI Fly 1.3.7 cannot weave Java 25 class files), and
 * JFace's own SVG icons fail the same way.
 */
public final class VectorIcons {

    /** Presence marks in lists: a filled circle with a thin darker rim, 12 units. */
    public static final int DOT_SIZE = 12;
    /** The tray icon: a white handset on the availability disc, a red missed-call badge, 22 units. */
    public static final int TRAY_SIZE = 22;

    private static final RGB WHITE = new RGB(255, 255, 255);
    private static final RGB MISSED_BADGE = new RGB(200, 30, 40);
    private static final String HANDSET = "M5.6 9.4c0-1 .8-1.8 1.8-1.8h1.2l.9 2.5-1.3 1c.6 1.4 1.6 2.4 3 3l1-1.3 2.5.9v1.2"
            + "c0 1-.8 1.8-1.8 1.8C8.8 16.7 5.6 13.5 5.6 9.4z";

    /** One layer of a drawing: its outline filled and/or stroked (a null colour: not). */
    private record Layer(java.awt.Shape outline, RGB fill, RGB stroke, float strokeWidth) {
    }

    /** A drawing on a square of {@code units}. */
    public static final class Drawing {
        private final int units;
        private final List<Layer> layers = new ArrayList<>();

        Drawing(int units) {
            this.units = units;
        }

        Drawing circle(double cx, double cy, double r, RGB fill, RGB stroke, float strokeWidth) {
            layers.add(new Layer(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill, stroke, strokeWidth));
            return this;
        }

        Drawing path(String data, RGB fill, RGB stroke, float strokeWidth) {
            layers.add(new Layer(PathData.parse(data), fill, stroke, strokeWidth));
            return this;
        }

        /** The drawing at {@code pixels} square, with its transparency. */
        public ImageData rasterise(int pixels) {
            BufferedImage canvas = new BufferedImage(pixels, pixels, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.scale(pixels / (double) units, pixels / (double) units);
                for (Layer layer : layers) {
                    if (layer.fill() != null) {
                        g.setColor(awt(layer.fill()));
                        g.fill(layer.outline());
                    }
                    if (layer.stroke() != null) {
                        g.setColor(awt(layer.stroke()));
                        g.setStroke(new BasicStroke(layer.strokeWidth(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                        g.draw(layer.outline());
                    }
                }
            } finally {
                g.dispose();
            }
            ImageData data = new ImageData(pixels, pixels, 24, new PaletteData(0xff0000, 0xff00, 0xff));
            data.alphaData = new byte[pixels * pixels];
            for (int y = 0; y < pixels; y++) {
                for (int x = 0; x < pixels; x++) {
                    int argb = canvas.getRGB(x, y);
                    data.setPixel(x, y, argb & 0xffffff);
                    data.alphaData[y * pixels + x] = (byte) (argb >>> 24);
                }
            }
            return data;
        }

        private static java.awt.Color awt(RGB colour) {
            return new java.awt.Color(colour.red, colour.green, colour.blue);
        }
    }

    private VectorIcons() {
    }

    /** The presence mark's colour: green available, amber away, red do not disturb, grey offline. */
    public static RGB colour(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> new RGB(30, 150, 60);
            case AWAY, EXTENDED_AWAY -> new RGB(225, 150, 0);
            case DO_NOT_DISTURB -> new RGB(200, 30, 40);
            case OFFLINE -> new RGB(150, 150, 150);
        };
    }

    public static Drawing presenceDot(Availability availability) {
        RGB fill = colour(availability);
        return new Drawing(DOT_SIZE).circle(6, 6, 4.6, fill, darker(fill), 0.8f);
    }

    /**
     * The tray icon: the availability disc carrying a white handset and, with missed calls, a red badge
     * at the top right holding their count as bars (1-3) or a plus (more), shapes rather than digits so
     * that no font is needed at any size.
     */
    public static Drawing trayIcon(Availability availability, int missedCalls) {
        RGB fill = colour(availability);
        Drawing drawing = new Drawing(TRAY_SIZE).circle(10, 12, 9.2, fill, darker(fill), 0.8f)
                .path(HANDSET, WHITE, null, 0);
        if (missedCalls > 0) {
            drawing.circle(16.5, 5.5, 5.2, MISSED_BADGE, WHITE, 1f);
            if (missedCalls > 3) {
                drawing.path("M16.5 2.9v5.2M13.9 5.5h5.2", null, WHITE, 1.6f);
            } else {
                double first = 16.5 - (missedCalls - 1) * 1.3;
                for (int bar = 0; bar < missedCalls; bar++) {
                    drawing.path("M" + (first + bar * 2.6) + " 3.2v4.6", null, WHITE, 1.5f);
                }
            }
        }
        return drawing;
    }

    /** An image that draws {@code drawing} at {@code size} (in pixels at 100 %) for each zoom SWT asks for. */
    public static Image image(Display display, int size, Drawing drawing) {
        return new Image(display, (ImageDataProvider) zoom -> drawing.rasterise(size * zoom / 100));
    }

    private static RGB darker(RGB colour) {
        return new RGB(colour.red * 3 / 4, colour.green * 3 / 4, colour.blue * 3 / 4);
    }
}

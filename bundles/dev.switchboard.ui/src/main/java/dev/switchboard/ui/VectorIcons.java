package dev.switchboard.ui;

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
 * icon units, drawn antialiased (4 x 4 samples a pixel) at exactly the pixels each zoom needs, so they
 * are as sharp at 200 % as at 100 % instead of a small bitmap scaled up. Not SWT's SVG loader: in this
 * product its rasteriser (JSVG) fails to load on Java 25 (SPI Fly 1.3.7 cannot weave Java 25 class files),
 * and JFace's own SVG icons fail the same way. Not Java 2D either: the presence dots and the tray icon are
 * drawn before the first window shows, and AWT's ~280 classes cost that window ~50 ms; the icons are a few
 * circles and small paths, which sampling coverage directly draws in well under a millisecond.
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

    /** Samples per pixel along each axis: 16 coverage levels, smooth enough for edges at icon sizes. */
    private static final int SAMPLES = 4;

    /** Something drawn: what its fill covers, and how far a point is from its edge (a stroke covers ≤ width/2). */
    private interface Figure {
        boolean contains(double x, double y);

        double distanceToEdge(double x, double y);

        /** {minX, minY, maxX, maxY} of the fill: only pixels in it (grown by half a stroke) are sampled. */
        double[] bounds();
    }

    private record Circle(double cx, double cy, double r) implements Figure {
        @Override
        public boolean contains(double x, double y) {
            return Math.hypot(x - cx, y - cy) <= r;
        }

        @Override
        public double distanceToEdge(double x, double y) {
            return Math.abs(Math.hypot(x - cx, y - cy) - r);
        }

        @Override
        public double[] bounds() {
            return new double[] {cx - r, cy - r, cx + r, cy + r};
        }
    }

    private record PathFigure(Outline outline) implements Figure {
        @Override
        public boolean contains(double x, double y) {
            return outline.contains(x, y);
        }

        @Override
        public double distanceToEdge(double x, double y) {
            return outline.distanceToSegments(x, y);
        }

        @Override
        public double[] bounds() {
            return outline.bounds();
        }
    }

    /** One layer of a drawing: its figure filled and/or stroked (a null colour: not), round caps and joins. */
    private record Layer(Figure figure, RGB fill, RGB stroke, double strokeWidth) {
    }

    /** A drawing on a square of {@code units}. */
    public static final class Drawing {
        private final int units;
        private final List<Layer> layers = new ArrayList<>();

        Drawing(int units) {
            this.units = units;
        }

        Drawing circle(double cx, double cy, double r, RGB fill, RGB stroke, float strokeWidth) {
            layers.add(new Layer(new Circle(cx, cy, r), fill, stroke, strokeWidth));
            return this;
        }

        Drawing path(String data, RGB fill, RGB stroke, float strokeWidth) {
            layers.add(new Layer(new PathFigure(PathData.parse(data)), fill, stroke, strokeWidth));
            return this;
        }

        /**
         * The drawing at {@code pixels} square, with its transparency: each layer's fill, then its stroke, laid
         * over what is below in the share of each pixel's samples it covers.
         */
        public ImageData rasterise(int pixels) {
            Canvas canvas = new Canvas(pixels, pixels / (double) units);
            for (Layer layer : layers) {
                Figure figure = layer.figure();
                if (layer.fill() != null) {
                    canvas.lay(layer.fill(), figure.bounds(), 0, figure::contains);
                }
                if (layer.stroke() != null) {
                    double half = layer.strokeWidth() / 2;
                    canvas.lay(layer.stroke(), figure.bounds(), half, (x, y) -> figure.distanceToEdge(x, y) <= half);
                }
            }
            return canvas.imageData();
        }
    }

    /** Whether a point, in icon units, is covered. */
    @FunctionalInterface
    private interface Coverage {
        boolean covers(double x, double y);
    }

    /** Premultiplied colour and alpha per pixel, painted "over" layer by layer. */
    private static final class Canvas {
        private final int pixels;
        private final double pixelsPerUnit;
        private final double[] red;
        private final double[] green;
        private final double[] blue;
        private final double[] alpha;

        Canvas(int pixels, double pixelsPerUnit) {
            this.pixels = pixels;
            this.pixelsPerUnit = pixelsPerUnit;
            red = new double[pixels * pixels];
            green = new double[pixels * pixels];
            blue = new double[pixels * pixels];
            alpha = new double[pixels * pixels];
        }

        /** Lays {@code colour} over the pixels of {@code bounds} grown by {@code grow} units, as far as it covers them. */
        void lay(RGB colour, double[] bounds, double grow, Coverage shape) {
            int left = Math.max(0, (int) Math.floor((bounds[0] - grow) * pixelsPerUnit));
            int top = Math.max(0, (int) Math.floor((bounds[1] - grow) * pixelsPerUnit));
            int right = Math.min(pixels - 1, (int) Math.ceil((bounds[2] + grow) * pixelsPerUnit));
            int bottom = Math.min(pixels - 1, (int) Math.ceil((bounds[3] + grow) * pixelsPerUnit));
            for (int y = top; y <= bottom; y++) {
                for (int x = left; x <= right; x++) {
                    double coverage = coverage(x, y, shape);
                    if (coverage > 0) {
                        int at = y * pixels + x;
                        red[at] = colour.red * coverage + red[at] * (1 - coverage);
                        green[at] = colour.green * coverage + green[at] * (1 - coverage);
                        blue[at] = colour.blue * coverage + blue[at] * (1 - coverage);
                        alpha[at] = coverage + alpha[at] * (1 - coverage);
                    }
                }
            }
        }

        /** The share of pixel (x, y)'s SAMPLES x SAMPLES sample points the shape covers. */
        private double coverage(int x, int y, Coverage shape) {
            double unitsPerSample = 1 / (pixelsPerUnit * SAMPLES);
            int covered = 0;
            for (int sy = 0; sy < SAMPLES; sy++) {
                double uy = (y * SAMPLES + sy + 0.5) * unitsPerSample;
                for (int sx = 0; sx < SAMPLES; sx++) {
                    covered += shape.covers((x * SAMPLES + sx + 0.5) * unitsPerSample, uy) ? 1 : 0;
                }
            }
            return covered / (double) (SAMPLES * SAMPLES);
        }

        ImageData imageData() {
            ImageData data = new ImageData(pixels, pixels, 24, new PaletteData(0xff0000, 0xff00, 0xff));
            data.alphaData = new byte[pixels * pixels];
            for (int at = 0; at < alpha.length; at++) {
                if (alpha[at] > 0) {
                    int pixel = (channel(red[at] / alpha[at]) << 16) | (channel(green[at] / alpha[at]) << 8)
                            | channel(blue[at] / alpha[at]);
                    data.setPixel(at % pixels, at / pixels, pixel);
                    data.alphaData[at] = (byte) Math.round(alpha[at] * 255);
                }
            }
            return data;
        }

        private static int channel(double value) {
            return (int) Math.clamp(Math.round(value), 0, 255);
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

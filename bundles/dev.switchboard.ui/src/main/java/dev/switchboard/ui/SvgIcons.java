package dev.switchboard.ui;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import dev.switchboard.core.presence.Availability;

/**
 * The window's icons, drawn by us as SVG documents and rasterised by SWT's SVG support (the
 * {@code org.eclipse.swt.svg} fragment on JSVG, required by the manifest) at exactly the pixel size
 * each zoom needs, so they are as sharp at 200 % as at 100 % instead of a small bitmap scaled up.
 * Each document is written for its pixel size: its {@code width}/{@code height} are the pixels and
 * the {@code viewBox} the icon's own units.
 */
public final class SvgIcons {

    /** Presence marks in lists: a filled circle with a thin darker rim, on a 12-unit square. */
    public static final int DOT_SIZE = 12;
    /** The tray icon: a phone handset on the availability disc, a red missed-call badge, 22 units. */
    public static final int TRAY_SIZE = 22;

    private static final RGB MISSED_BADGE = new RGB(200, 30, 40);

    private SvgIcons() {
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

    /** The presence mark at {@code pixels} square. */
    public static String presenceDot(Availability availability, int pixels) {
        RGB fill = colour(availability);
        return document(pixels, DOT_SIZE,
                "<circle cx=\"6\" cy=\"6\" r=\"4.6\" fill=\"" + hex(fill) + "\" stroke=\"" + hex(darker(fill))
                        + "\" stroke-width=\"0.8\"/>");
    }

    /**
     * The tray icon at {@code pixels} square: the availability disc carrying a white handset, and with
     * missed calls a red badge at the top right holding their count as bars (1-3) or a plus (more),
     * drawn as shapes so that no font is needed.
     */
    public static String trayIcon(Availability availability, int missedCalls, int pixels) {
        RGB fill = colour(availability);
        StringBuilder shapes = new StringBuilder()
                .append("<circle cx=\"10\" cy=\"12\" r=\"9.2\" fill=\"").append(hex(fill)).append("\" stroke=\"")
                .append(hex(darker(fill))).append("\" stroke-width=\"0.8\"/>")
                // a handset: two rounded ends joined by a curved grip
                .append("<path d=\"M5.6 9.4c0-1 .8-1.8 1.8-1.8h1.2l.9 2.5-1.3 1c.6 1.4 1.6 2.4 3 3l1-1.3 2.5.9v1.2")
                .append("c0 1-.8 1.8-1.8 1.8C8.8 16.7 5.6 13.5 5.6 9.4z\" fill=\"#ffffff\"/>");
        if (missedCalls > 0) {
            shapes.append("<circle cx=\"16.5\" cy=\"5.5\" r=\"5.2\" fill=\"").append(hex(MISSED_BADGE))
                    .append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>");
            if (missedCalls > 3) {
                shapes.append("<path d=\"M16.5 2.9v5.2M13.9 5.5h5.2\" stroke=\"#ffffff\" stroke-width=\"1.6\"/>");
            } else {
                double first = 16.5 - (missedCalls - 1) * 1.3;
                for (int bar = 0; bar < missedCalls; bar++) {
                    double x = first + bar * 2.6;
                    shapes.append(String.format(Locale.ROOT,
                            "<path d=\"M%.1f 3.2v4.6\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>", x));
                }
            }
        }
        return document(pixels, TRAY_SIZE, shapes.toString());
    }

    /** An image that rasterises {@code document} (a function of the pixel size) at each zoom SWT asks for. */
    public static Image image(Display display, int size, java.util.function.IntFunction<String> document) {
        return new Image(display, (ImageDataProvider) zoom -> rasterise(document.apply(size * zoom / 100)));
    }

    /**
     * One SVG document as pixels.
     *
     * @throws SWTException when SWT cannot read SVG (the {@code org.eclipse.swt.svg} fragment missing)
     */
    public static ImageData rasterise(String svg) {
        return new ImageLoader().load(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))[0];
    }

    private static String document(int pixels, int units, String shapes) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + pixels + "\" height=\"" + pixels
                + "\" viewBox=\"0 0 " + units + " " + units + "\">" + shapes + "</svg>";
    }

    private static RGB darker(RGB colour) {
        return new RGB(colour.red * 3 / 4, colour.green * 3 / 4, colour.blue * 3 / 4);
    }

    private static String hex(RGB colour) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", colour.red, colour.green, colour.blue);
    }
}

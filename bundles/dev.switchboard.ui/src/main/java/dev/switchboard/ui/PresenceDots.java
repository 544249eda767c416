package dev.switchboard.ui;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import dev.switchboard.core.presence.Availability;

/**
 * Round presence marks for lists (green available, amber away, red do not disturb, grey offline),
 * drawn at the display's zoom so they stay sharp on HiDPI screens; disposed with their owner control.
 */
public final class PresenceDots {

    private static final int SIZE = 12;

    private final Map<Availability, Image> images = new EnumMap<>(Availability.class);

    public PresenceDots(Control owner) {
        Display display = owner.getDisplay();
        for (Availability availability : Availability.values()) {
            images.put(availability, draw(display, colour(display, availability)));
        }
        owner.addListener(SWT.Dispose, event -> images.values().forEach(Image::dispose));
    }

    public Image of(Availability availability) {
        return images.get(availability);
    }

    /** The words a screen reader speaks for the mark. */
    public static String words(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> "Available";
            case AWAY -> "Away";
            case EXTENDED_AWAY -> "Away for long";
            case DO_NOT_DISTURB -> "Do not disturb";
            case OFFLINE -> "Offline";
        };
    }

    public static Color colour(Display display, Availability availability) {
        return switch (availability) {
            case AVAILABLE -> new Color(display, 30, 150, 60);
            case AWAY, EXTENDED_AWAY -> new Color(display, 225, 150, 0);
            case DO_NOT_DISTURB -> new Color(display, 200, 30, 40);
            case OFFLINE -> new Color(display, 170, 170, 170);
        };
    }

    private static Image draw(Display display, Color fill) {
        return new Image(display, (org.eclipse.swt.graphics.ImageDataProvider) zoom -> {
            int size = SIZE * zoom / 100;
            Image canvas = new Image(display, size, size);
            GC gc = new GC(canvas);
            gc.setAntialias(SWT.ON);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, size, size);
            gc.setBackground(fill);
            int inset = Math.max(1, size / 6);
            gc.fillOval(inset, inset, size - 2 * inset, size - 2 * inset);
            gc.dispose();
            ImageData data = canvas.getImageData();
            canvas.dispose();
            // everything outside the circle transparent, so the mark sits on any background
            data.alphaData = new byte[size * size];
            double centre = (size - 1) / 2.0;
            double radius = (size - 2 * inset) / 2.0 + 0.5;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double distance = Math.hypot(x - centre, y - centre);
                    double coverage = Math.max(0, Math.min(1, radius - distance + 0.5));
                    data.alphaData[y * size + x] = (byte) Math.round(coverage * 255);
                }
            }
            return data;
        });
    }
}

package dev.switchboard.ui;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import dev.switchboard.core.presence.Availability;

/**
 * Round presence marks for lists (green available, amber away, red do not disturb, grey offline),
 * vector drawings rasterised at the display's zoom ({@link VectorIcons}) so they stay sharp on HiDPI screens; disposed
 * with their owner control.
 */
public final class PresenceDots {

    private final Map<Availability, Image> images = new EnumMap<>(Availability.class);
    private final Display display;

    public PresenceDots(Control owner) {
        display = owner.getDisplay();
        owner.addListener(SWT.Dispose, event -> images.values().forEach(Image::dispose));
    }

    /** Each mark is drawn when first asked for: a list shown empty at start draws none before the first paint. */
    public Image of(Availability availability) {
        return images.computeIfAbsent(availability,
                each -> VectorIcons.image(display, VectorIcons.DOT_SIZE, VectorIcons.presenceDot(each)));
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
}

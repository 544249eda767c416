package dev.switchboard.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleControlAdapter;
import org.eclipse.swt.accessibility.AccessibleControlEvent;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.accessibility.AccessibleValueAdapter;
import org.eclipse.swt.accessibility.AccessibleValueEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

/**
 * A slim audio level meter: a rounded trough filled from -60 dBFS (empty, quieter than a quiet room through a
 * headset) to 0 dBFS (full), in green, amber from {@value #LOUD_DBFS} dBFS (loud) and red from
 * {@value #CLIPPING_DBFS} dBFS (about to clip). A level that was not measured ({@link Double#NaN}: no audio flows) leaves
 * only a fainter trough. {@link #show} repaints only when the filled width or the state changes; the colours are
 * made again only when the background changes (a theme switch), never per reading.
 * <p>
 * Screen readers see a progress bar with the given name whose value is the level in percent of the scale and
 * whose description says it in words ("-23 dBFS", "silence", "muted", "no audio").
 */
public final class LevelBar extends Canvas {

    public static final double FLOOR_DBFS = -60;
    static final double LOUD_DBFS = -9;
    static final double CLIPPING_DBFS = -2;
    private static final int HEIGHT = 6;
    private static final int DEFAULT_WIDTH = 120;

    private double dbfs = Double.NaN;
    private boolean muted;
    private int filledPixels = -1;
    private RGB paletteFor;
    private Color trough;
    private Color idleTrough;
    private Color green;
    private Color amber;
    private Color red;

    public LevelBar(Composite parent, String key, String accessibleName) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_FOCUS);
        setData(Widgets.WIDGET_KEY, key);
        addListener(SWT.Paint, this::paint);
        addListener(SWT.Resize, event -> filledPixels = -1);
        getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent event) {
                event.result = accessibleName;
            }

            @Override
            public void getDescription(AccessibleEvent event) {
                event.result = words(dbfs, muted);
            }
        });
        getAccessible().addAccessibleControlListener(new AccessibleControlAdapter() {
            @Override
            public void getRole(AccessibleControlEvent event) {
                event.detail = ACC.ROLE_PROGRESSBAR;
            }

            @Override
            public void getValue(AccessibleControlEvent event) {
                event.result = words(dbfs, muted);
            }
        });
        getAccessible().addAccessibleValueListener(new AccessibleValueAdapter() {
            @Override
            public void getCurrentValue(AccessibleValueEvent event) {
                event.value = Integer.valueOf((int) Math.round(fill(dbfs) * 100));
            }

            @Override
            public void getMinimumValue(AccessibleValueEvent event) {
                event.value = Integer.valueOf(0);
            }

            @Override
            public void getMaximumValue(AccessibleValueEvent event) {
                event.value = Integer.valueOf(100);
            }
        });
    }

    /**
     * Keeps the meter's own name for screen readers: SWT on GTK makes a label created (or moved) just before a
     * control that control's {@code LABELLED_BY} label, which they would speak instead ("Microphone" rather than
     * "Microphone level").
     */
    public void keepOwnName(Label labelBefore) {
        getAccessible().removeRelation(ACC.RELATION_LABELLED_BY, labelBefore.getAccessible());
    }

    /**
     * Shows a reading: a level in dBFS, {@link Double#NEGATIVE_INFINITY} for digital silence, {@link Double#NaN}
     * when nothing is measured; {@code mutedNow} says a silent microphone is muted (for screen readers).
     */
    public void show(double level, boolean mutedNow) {
        dbfs = level;
        muted = mutedNow;
        int pixels = Double.isNaN(level) ? -2 : (int) Math.round(fill(level) * getClientArea().width);
        if (pixels != filledPixels) {
            filledPixels = pixels;
            redraw();
        }
    }

    public double level() {
        return dbfs;
    }

    /** The part of the scale a level fills, 0 to 1; nothing for silence or no reading. */
    public static double fill(double dbfs) {
        if (Double.isNaN(dbfs) || dbfs <= FLOOR_DBFS) {
            return 0;
        }
        return Math.min(1, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS);
    }

    /** "-23 dBFS", "silence", "muted" (a muted microphone), or "no audio" when nothing is measured. */
    public static String words(double dbfs, boolean muted) {
        if (Double.isNaN(dbfs)) {
            return "no audio";
        }
        if (muted) {
            return "muted";
        }
        return dbfs == Double.NEGATIVE_INFINITY ? "silence" : Math.round(dbfs) + " dBFS";
    }

    @Override
    public Point computeSize(int widthHint, int heightHint, boolean changed) {
        return new Point(widthHint == SWT.DEFAULT ? DEFAULT_WIDTH : widthHint,
                heightHint == SWT.DEFAULT ? HEIGHT : heightHint);
    }

    private void paint(Event event) {
        GC gc = event.gc;
        Rectangle area = getClientArea();
        if (area.width <= 0 || area.height <= 0) {
            return;
        }
        preparePalette();
        gc.setAntialias(SWT.ON);
        int arc = area.height;
        gc.setBackground(getBackground());
        gc.fillRectangle(area);
        boolean measured = !Double.isNaN(dbfs);
        gc.setBackground(measured ? trough : idleTrough);
        gc.fillRoundRectangle(0, 0, area.width, area.height, arc, arc);
        int filled = measured ? (int) Math.round(fill(dbfs) * area.width) : 0;
        if (filled > 0) {
            gc.setBackground(dbfs >= CLIPPING_DBFS ? red : dbfs >= LOUD_DBFS ? amber : green);
            gc.fillRoundRectangle(0, 0, Math.max(filled, arc), area.height, arc, arc);
        }
    }

    /** Colours for the current background: a trough a little off it, and meter colours readable on it. */
    private void preparePalette() {
        RGB background = getBackground().getRGB();
        if (background.equals(paletteFor)) {
            return;
        }
        paletteFor = background;
        boolean dark = lightness(background) < 0.5;
        RGB foreground = dark ? new RGB(255, 255, 255) : new RGB(0, 0, 0);
        trough = new Color(mix(background, foreground, dark ? 0.16 : 0.12));
        idleTrough = new Color(mix(background, foreground, dark ? 0.08 : 0.06));
        green = dark ? new Color(87, 200, 110) : new Color(46, 160, 67);
        amber = dark ? new Color(245, 194, 17) : new Color(229, 165, 10);
        red = dark ? new Color(255, 123, 99) : new Color(224, 27, 36);
    }

    static double lightness(RGB rgb) {
        return (0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue) / 255;
    }

    static RGB mix(RGB base, RGB towards, double amount) {
        return new RGB((int) Math.round(base.red + (towards.red - base.red) * amount),
                (int) Math.round(base.green + (towards.green - base.green) * amount),
                (int) Math.round(base.blue + (towards.blue - base.blue) * amount));
    }
}

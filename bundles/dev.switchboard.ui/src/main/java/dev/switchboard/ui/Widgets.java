package dev.switchboard.ui;

import org.eclipse.swt.accessibility.ACC;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/** Test keys and accessible names, set the same way on every control of the window. */
public final class Widgets {

    /** Data key under which SWTBot (and our UI tests) look a widget up. */
    public static final String WIDGET_KEY = "org.eclipse.swtbot.widget.key";

    private Widgets() {
    }

    /**
     * A red that reads well on the theme's background: dark on a light theme, light on a dark one
     * (SWT colours need no disposal).
     */
    public static Color errorColour(Display display) {
        return themed(display, 0);
    }

    /** Secondary text (hints, times, sources, addresses): grey that stays readable in either theme. */
    public static Color secondaryText(Display display) {
        return themed(display, 1);
    }

    /** Names of the other side in a conversation: blue, light on a dark theme. */
    public static Color accentText(Display display) {
        return themed(display, 2);
    }

    /** Whether the window is dark: the Appearance choice ({@link ThemeSwitch}) once made, else the system's theme. */
    public static boolean isDark(Display display) {
        return display.getData(ThemeSwitch.DARK_KEY) instanceof Boolean dark ? dark : Display.isSystemDarkTheme();
    }

    private static Color themed(Display display, int index) {
        return themedPairs(display).get(index).get(isDark(display) ? 1 : 0);
    }

    /**
     * Each colour the views set themselves as [light, dark] (error, secondary, accent), so that a
     * theme switch can swap the colours already set.
     */
    static java.util.List<java.util.List<Color>> themedPairs(Display display) {
        return java.util.List.of(
                java.util.List.of(new Color(display, 176, 0, 32), new Color(display, 255, 120, 120)),
                java.util.List.of(display.getSystemColor(org.eclipse.swt.SWT.COLOR_DARK_GRAY),
                        new Color(display, 165, 165, 165)),
                java.util.List.of(display.getSystemColor(org.eclipse.swt.SWT.COLOR_DARK_BLUE),
                        new Color(display, 140, 180, 255)));
    }

    /** Green, amber, red for a call's quality dot, a presence dot's colours; grey when unknown. */
    public static Color qualityColour(Display display, dev.switchboard.core.call.capability.QualityIndicator.Rating rating) {
        return switch (rating) {
            case GOOD -> new Color(display, 30, 140, 60);
            case FAIR -> new Color(display, 200, 130, 0);
            case POOR -> errorColour(display);
            case UNKNOWN -> secondaryText(display);
        };
    }

    /**
     * Ties an input to the visible label that names it, as screen readers expect (they speak the
     * label when the input gets the focus). On GTK this is the only naming that reaches AT-SPI for
     * native inputs: SWT 3.135 passes {@code AccessibleListener} names only for its own composites.
     */
    public static void labelledBy(Control input, Control label) {
        input.getAccessible().addRelation(ACC.RELATION_LABELLED_BY, label.getAccessible());
        label.getAccessible().addRelation(ACC.RELATION_LABEL_FOR, input.getAccessible());
    }

    /**
     * Gives {@code control} a test key and a spoken name. On GTK the name reaches AT-SPI for
     * composites only; native inputs also need {@link #labelledBy}.
     */
    public static <C extends Control> C name(C control, String key, String accessibleName) {
        control.setData(WIDGET_KEY, key);
        if (accessibleName != null) {
            control.getAccessible().addAccessibleListener(new AccessibleAdapter() {
                @Override
                public void getName(AccessibleEvent event) {
                    event.result = accessibleName;
                }
            });
        }
        return control;
    }
}

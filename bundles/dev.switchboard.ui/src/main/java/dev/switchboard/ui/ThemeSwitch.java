package dev.switchboard.ui;

import java.lang.reflect.Method;
import java.util.List;

import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Applies a {@link Theme} to the running display, without a restart. There is no CSS engine in
 * the product (see docs/architecture.md), so the native widgets follow GTK: SWT's GTK port can ask
 * GTK for the dark variant of the current theme ({@code gtk-application-prefer-dark-theme}, set
 * through SWT's internal {@code OS.setTheme}, looked up reflectively because that class exists only
 * in the GTK fragment). GTK switches every widget at once. The few colours the views set themselves
 * ({@link Widgets}) follow the choice from the display's data, and the ones already set are swapped
 * for their other-theme variant in every open shell.
 *
 * <p>A theme forced with {@code GTK_THEME=…:dark} has no light variant GTK could switch to, so
 * "Light" there changes only the views' own colours.
 */
public final class ThemeSwitch {

    /** Display data key: {@code Boolean}, whether the chosen theme is dark. */
    static final String DARK_KEY = "dev.switchboard.ui.theme.dark";
    /** Display data key: {@code Boolean}, whether the system's theme was dark before any choice. */
    private static final String SYSTEM_DARK_KEY = "dev.switchboard.ui.theme.systemDark";
    private static final System.Logger LOG = System.getLogger(ThemeSwitch.class.getName());

    private ThemeSwitch() {
    }

    /** Applies {@code theme} on the UI thread of {@code display}; returns whether the window is now dark. */
    public static boolean apply(Display display, Theme theme) {
        if (!(display.getData(SYSTEM_DARK_KEY) instanceof Boolean)) {
            display.setData(SYSTEM_DARK_KEY, Display.isSystemDarkTheme());
        }
        boolean dark = theme.isDark((Boolean) display.getData(SYSTEM_DARK_KEY));
        boolean wasDark = Widgets.isDark(display);
        display.setData(DARK_KEY, dark);
        preferDarkVariant(dark);
        if (wasDark != dark) {
            for (Shell shell : display.getShells()) {
                recolour(shell, dark);
            }
        }
        return dark;
    }

    private static void preferDarkVariant(boolean dark) {
        try {
            Class<?> os = Display.class.getClassLoader().loadClass("org.eclipse.swt.internal.gtk.OS");
            Method setTheme = os.getMethod("setTheme", boolean.class);
            setTheme.invoke(null, dark);
        } catch (ReflectiveOperationException | LinkageError e) {
            // not GTK, or an SWT without the call: the views' own colours still follow the choice
            LOG.log(System.Logger.Level.INFO, "the native widgets keep the system theme: " + e);
        }
    }

    /** Swaps the {@link Widgets} colours set on {@code control} and below for their {@code dark} variant. */
    private static void recolour(Control control, boolean dark) {
        Display display = control.getDisplay();
        Color foreground = control.getForeground();
        if (foreground != null) {
            RGB current = foreground.getRGB();
            for (List<Color> pair : Widgets.themedPairs(display)) {
                Color from = dark ? pair.get(0) : pair.get(1);
                if (from.getRGB().equals(current)) {
                    control.setForeground(dark ? pair.get(1) : pair.get(0));
                    break;
                }
            }
        }
        if (control instanceof CTabFolder folder) {
            paintSelectedTab(folder, dark);
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                recolour(child, dark);
            }
        }
        control.redraw();
    }

    /**
     * A part stack's selected tab: {@code CTabFolder} takes the list colours once, when it is made,
     * so after a switch its selected tab would stay white on a dark window (or dark on a light one).
     */
    static void paintSelectedTab(CTabFolder folder, boolean dark) {
        Display display = folder.getDisplay();
        folder.setSelectionBackground(dark ? new Color(display, 48, 48, 48)
                : display.getSystemColor(org.eclipse.swt.SWT.COLOR_LIST_BACKGROUND));
        folder.setSelectionForeground(dark ? new Color(display, 238, 238, 236)
                : display.getSystemColor(org.eclipse.swt.SWT.COLOR_LIST_FOREGROUND));
    }
}

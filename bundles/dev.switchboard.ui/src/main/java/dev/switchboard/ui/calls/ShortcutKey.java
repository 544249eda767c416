package dev.switchboard.ui.calls;

import java.util.Locale;
import java.util.Optional;

import org.eclipse.swt.SWT;

/**
 * One shortcut combination as the user sees it ("Ctrl+Shift+A"): Ctrl or Alt (Shift may be added)
 * and a letter, a digit or F1–F12. Shift alone is not enough: grabbed system-wide, Shift+A would take
 * the capital A from every application. It gives the same combination in the three forms that use it:
 * the text stored in the preferences and shown on the settings page, the e4 key sequence of the
 * window's binding, and the X11 keysym and modifier mask of the system-wide grab. Super is left
 * out on purpose: desktops keep it for themselves, and e4 has no portable name for it.
 */
public record ShortcutKey(int modifiers, String key) {

    public static final int CTRL = 1;
    public static final int ALT = 1 << 1;
    public static final int SHIFT = 1 << 2;
    private static final int ALL_MODIFIERS = CTRL | ALT | SHIFT;

    /** What a key press in a shortcut field makes: a key, or (with a null key) a reason, or nothing yet. */
    public record Typed(ShortcutKey shortcut, String problem) {

        /** A modifier alone: the user is still putting the combination together. */
        public boolean pending() {
            return shortcut == null && problem == null;
        }
    }

    public ShortcutKey {
        if ((modifiers & (CTRL | ALT)) == 0 || (modifiers & ~ALL_MODIFIERS) != 0) {
            throw new IllegalArgumentException("a shortcut needs Ctrl or Alt: " + modifiers);
        }
        if (!validKey(key)) {
            throw new IllegalArgumentException("not a letter, digit or F1-F12: " + key);
        }
    }

    /**
     * Reads "Ctrl+Shift+A" (case and blanks do not matter, "Control" is Ctrl); empty when the text
     * is not such a combination.
     */
    public static Optional<ShortcutKey> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("\\s*\\+\\s*");
        int modifiers = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            int modifier = switch (parts[i].toLowerCase(Locale.ROOT)) {
                case "ctrl", "control" -> CTRL;
                case "alt" -> ALT;
                case "shift" -> SHIFT;
                default -> 0;
            };
            if (modifier == 0 || (modifiers & modifier) != 0) {
                return Optional.empty();
            }
            modifiers |= modifier;
        }
        String key = parts[parts.length - 1].toUpperCase(Locale.ROOT);
        if ((modifiers & (CTRL | ALT)) == 0 || !validKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new ShortcutKey(modifiers, key));
    }

    /**
     * The combination of an SWT key press ({@code stateMask} and {@code keyCode} of a KeyDown), as
     * a shortcut field takes it.
     */
    public static Typed fromSwt(int stateMask, int keyCode) {
        if (keyCode == SWT.CTRL || keyCode == SWT.ALT || keyCode == SWT.SHIFT || keyCode == SWT.COMMAND) {
            return new Typed(null, null);
        }
        if ((stateMask & SWT.COMMAND) != 0) {
            return new Typed(null, "The Super key belongs to the desktop; use Ctrl or Alt.");
        }
        int modifiers = ((stateMask & SWT.CTRL) != 0 ? CTRL : 0) | ((stateMask & SWT.ALT) != 0 ? ALT : 0)
                | ((stateMask & SWT.SHIFT) != 0 ? SHIFT : 0);
        String key = swtKey(keyCode);
        if (key == null) {
            return new Typed(null, "Use a letter, a digit or F1\u2013F12 with Ctrl or Alt.");
        }
        if ((modifiers & (CTRL | ALT)) == 0) {
            return new Typed(null, "Add Ctrl or Alt to " + ((modifiers & SHIFT) != 0 ? "Shift+" : "") + key
                    + ": without them the key would be taken from typing in every application.");
        }
        return new Typed(new ShortcutKey(modifiers, key), null);
    }

    /** "Ctrl+Alt+Shift+A": the stored and shown form. */
    public String text() {
        return prefix("Ctrl+", "Alt+", "Shift+") + key;
    }

    /** The e4 binding's key sequence ("CTRL+SHIFT+A"). */
    public String keySequence() {
        return prefix("CTRL+", "ALT+", "SHIFT+") + key;
    }

    /** The X11 keysym name the key is grabbed by ("a", "5", "F5"). */
    public String x11Keysym() {
        return key.length() == 1 ? key.toLowerCase(Locale.ROOT) : key;
    }

    /** The X11 modifier mask: ShiftMask 1, ControlMask 4, Mod1Mask (Alt) 8. */
    public int x11Modifiers() {
        return ((modifiers & SHIFT) != 0 ? X11KeyGrab.SHIFT_MASK : 0)
                | ((modifiers & CTRL) != 0 ? X11KeyGrab.CONTROL_MASK : 0)
                | ((modifiers & ALT) != 0 ? X11KeyGrab.ALT_MASK : 0);
    }

    @Override
    public String toString() {
        return text();
    }

    private String prefix(String ctrl, String alt, String shift) {
        return ((modifiers & CTRL) != 0 ? ctrl : "") + ((modifiers & ALT) != 0 ? alt : "")
                + ((modifiers & SHIFT) != 0 ? shift : "");
    }

    private static String swtKey(int keyCode) {
        if (keyCode >= 'a' && keyCode <= 'z' || keyCode >= 'A' && keyCode <= 'Z' || keyCode >= '0' && keyCode <= '9') {
            return String.valueOf((char) keyCode).toUpperCase(Locale.ROOT);
        }
        if (keyCode >= SWT.F1 && keyCode <= SWT.F12) {
            return "F" + (keyCode - SWT.F1 + 1);
        }
        return null;
    }

    private static boolean validKey(String key) {
        if (key == null) {
            return false;
        }
        if (key.length() == 1) {
            char c = key.charAt(0);
            return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        return key.matches("F([1-9]|1[0-2])");
    }
}

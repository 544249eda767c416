package dev.switchboard.ui;

/**
 * The window's light/dark choice (Settings › Appearance), stored in the UI bundle's instance
 * preferences under {@link #PREFERENCE_KEY}.
 */
public enum Theme {
    SYSTEM("Follow the system"), LIGHT("Light"), DARK("Dark");

    public static final String PREFERENCE_KEY = "ui.theme";

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the window is dark under this choice, given whether the system's theme is dark. */
    public boolean isDark(boolean systemDark) {
        return switch (this) {
            case SYSTEM -> systemDark;
            case LIGHT -> false;
            case DARK -> true;
        };
    }

    /** The stored choice; anything unknown (an older or hand-edited value) follows the system. */
    public static Theme fromPreference(String stored) {
        for (Theme theme : values()) {
            if (theme.name().equalsIgnoreCase(stored == null ? "" : stored.strip())) {
                return theme;
            }
        }
        return SYSTEM;
    }
}

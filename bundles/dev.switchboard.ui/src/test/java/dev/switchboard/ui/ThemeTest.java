package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThemeTest {

    @Test
    void followingTheSystemTakesItsDarknessAndAnExplicitChoiceOverridesIt() {
        assertTrue(Theme.SYSTEM.isDark(true));
        assertFalse(Theme.SYSTEM.isDark(false));
        assertFalse(Theme.LIGHT.isDark(true));
        assertTrue(Theme.DARK.isDark(false));
    }

    @Test
    void theStoredChoiceIsReadBackAndAnythingElseFollowsTheSystem() {
        for (Theme theme : Theme.values()) {
            assertEquals(theme, Theme.fromPreference(theme.name()));
        }
        assertEquals(Theme.DARK, Theme.fromPreference(" dark "));
        assertEquals(Theme.SYSTEM, Theme.fromPreference(""));
        assertEquals(Theme.SYSTEM, Theme.fromPreference(null));
        assertEquals(Theme.SYSTEM, Theme.fromPreference("solarized"));
    }
}

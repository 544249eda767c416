package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ShortcutSetTest {

    private static ShortcutKey key(String text) {
        return ShortcutKey.parse(text).orElseThrow();
    }

    @Test
    void nothingStoredGivesTheDefaults() {
        ShortcutSet keys = ShortcutSet.stored(name -> null);
        assertEquals(ShortcutSet.defaults(), keys);
        assertEquals("Ctrl+Shift+A answers, Ctrl+Shift+H hangs up, Ctrl+Shift+M mutes", keys.describe());
    }

    @Test
    void storedKeysReplaceTheirDefaultsAndUnreadableOnesKeepThem() {
        ShortcutSet keys = ShortcutSet.stored(Map.of("shortcut.mute", "Ctrl+Alt+M", "shortcut.answer", "Shift+A")::get);
        assertEquals(key("Ctrl+Alt+M"), keys.key(ShortcutAction.MUTE));
        assertEquals(key("Ctrl+Shift+A"), keys.key(ShortcutAction.ANSWER));
        assertEquals(key("Ctrl+Shift+H"), keys.key(ShortcutAction.HANG_UP));
    }

    @Test
    void aStoredSetWithTwoActionsOnOneKeyFallsBackToTheDefaults() {
        ShortcutSet keys = ShortcutSet.stored(Map.of("shortcut.mute", "Ctrl+Shift+A")::get);
        assertEquals(ShortcutSet.defaults(), keys);
    }

    @Test
    void anActionCannotTakeAnotherActionsKey() {
        ShortcutSet keys = ShortcutSet.defaults();
        assertEquals(Optional.of("Ctrl+Shift+H already hangs up."), keys.problem(ShortcutAction.MUTE, key("Ctrl+Shift+H")));
        assertEquals(Optional.empty(), keys.problem(ShortcutAction.MUTE, key("Ctrl+Shift+M")));
        assertEquals(Optional.of("Ctrl+Shift+M already mutes."), keys.problem(ShortcutAction.ANSWER, key("Ctrl+Shift+M")));
        // once mute moved (as the settings page stores it), its old key is free for another action
        ShortcutSet changed = ShortcutSet.stored(Map.of("shortcut.mute", "Ctrl+Alt+M")::get);
        assertEquals(Optional.of(ShortcutAction.MUTE), changed.actionOn(key("Ctrl+Alt+M")));
        assertEquals(Optional.empty(), changed.actionOn(key("Ctrl+Shift+M")));
        assertEquals(Optional.empty(), changed.problem(ShortcutAction.ANSWER, key("Ctrl+Shift+M")));
    }
}

package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.swt.SWT;
import org.junit.jupiter.api.Test;

class ShortcutKeyTest {

    @Test
    void textIsReadInAnyCaseAndOrderAndWrittenInOneForm() {
        ShortcutKey key = ShortcutKey.parse(" shift + control+ALT+m ").orElseThrow();
        assertEquals("Ctrl+Alt+Shift+M", key.text());
        assertEquals("CTRL+ALT+SHIFT+M", key.keySequence());
        assertEquals(key, ShortcutKey.parse(key.text()).orElseThrow());
        assertEquals("F5", ShortcutKey.parse("Ctrl+F5").orElseThrow().key());
        assertEquals("7", ShortcutKey.parse("Alt+7").orElseThrow().key());
    }

    @Test
    void textThatIsNoShortcutIsRefused() {
        for (String text : new String[] {"", "A", "Shift+A", "Ctrl+Ctrl+A", "Ctrl+Super+A", "Ctrl+Tab", "Ctrl+F13",
                "Ctrl+", "Ctrl+Shift+AB", null}) {
            assertEquals(Optional.empty(), ShortcutKey.parse(text), String.valueOf(text));
        }
        assertThrows(IllegalArgumentException.class, () -> new ShortcutKey(ShortcutKey.SHIFT, "A"));
    }

    @Test
    void x11FormGrabsTheLowerCaseKeysymWithTheModifierMask() {
        ShortcutKey key = ShortcutKey.parse("Ctrl+Alt+Shift+A").orElseThrow();
        assertEquals("a", key.x11Keysym());
        // ShiftMask 1 | ControlMask 4 | Mod1Mask 8
        assertEquals(13, key.x11Modifiers());
        assertEquals("F12", ShortcutKey.parse("Alt+F12").orElseThrow().x11Keysym());
    }

    @Test
    void swtKeyPressesBecomeShortcutsOrSayWhyNot() {
        assertEquals("Ctrl+Shift+A", ShortcutKey.fromSwt(SWT.CTRL | SWT.SHIFT, 'a').shortcut().text());
        assertEquals("Ctrl+Shift+A", ShortcutKey.fromSwt(SWT.CTRL | SWT.SHIFT, 'A').shortcut().text());
        assertEquals("Alt+F3", ShortcutKey.fromSwt(SWT.ALT, SWT.F3).shortcut().text());
        assertEquals("Ctrl+9", ShortcutKey.fromSwt(SWT.CTRL, '9').shortcut().text());
        // a modifier alone: still composing, nothing to say yet
        ShortcutKey.Typed modifierOnly = ShortcutKey.fromSwt(SWT.CTRL, SWT.SHIFT);
        assertTrue(modifierOnly.pending());
        ShortcutKey.Typed plain = ShortcutKey.fromSwt(0, 'm');
        assertNull(plain.shortcut());
        assertFalse(plain.pending());
        assertTrue(plain.problem().startsWith("Add Ctrl or Alt to M"), plain.problem());
        assertTrue(ShortcutKey.fromSwt(SWT.SHIFT, 'm').problem().startsWith("Add Ctrl or Alt to Shift+M"));
        assertTrue(ShortcutKey.fromSwt(SWT.CTRL, SWT.ARROW_UP).problem().startsWith("Use a letter"));
        assertTrue(ShortcutKey.fromSwt(SWT.CTRL | SWT.COMMAND, 'a').problem().contains("Super"));
    }
}

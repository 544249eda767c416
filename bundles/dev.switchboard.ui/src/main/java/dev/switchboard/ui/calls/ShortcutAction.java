package dev.switchboard.ui.calls;

/**
 * The call actions that have a shortcut, in and outside the window: the preference each key is
 * stored under, its default, and the window binding (Application.e4xmi) that follows it.
 */
public enum ShortcutAction {
    ANSWER("Answer", "answers", "shortcut.answer", "Ctrl+Shift+A", "dev.switchboard.ui.binding.answer"),
    HANG_UP("Hang up", "hangs up", "shortcut.hangUp", "Ctrl+Shift+H", "dev.switchboard.ui.binding.hangup"),
    MUTE("Mute / unmute", "mutes", "shortcut.mute", "Ctrl+Shift+M", "dev.switchboard.ui.binding.mute");

    private final String label;
    private final String verb;
    private final String preferenceKey;
    private final ShortcutKey defaultKey;
    private final String bindingId;

    ShortcutAction(String label, String verb, String preferenceKey, String defaultKey, String bindingId) {
        this.label = label;
        this.verb = verb;
        this.preferenceKey = preferenceKey;
        this.defaultKey = ShortcutKey.parse(defaultKey).orElseThrow();
        this.bindingId = bindingId;
    }

    /** The action's name on the settings page ("Answer"). */
    public String label() {
        return label;
    }

    /** What the key does, for sentences ("Ctrl+Shift+A answers"). */
    public String verb() {
        return verb;
    }

    /** Key in the UI's instance preferences (node {@code dev.switchboard.ui}). */
    public String preferenceKey() {
        return preferenceKey;
    }

    public ShortcutKey defaultKey() {
        return defaultKey;
    }

    /** Element id of the window's key binding for this action. */
    public String bindingId() {
        return bindingId;
    }
}

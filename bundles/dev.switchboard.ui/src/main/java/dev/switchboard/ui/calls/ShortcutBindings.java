package dev.switchboard.ui.calls;

import java.util.Map;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;

import jakarta.inject.Inject;

/**
 * Keeps the window's key bindings (Application.e4xmi, used while Switchboard has the focus and when
 * system-wide grabs are unavailable) on the keys of {@link ShortcutSet}: at start, and again each
 * time the settings page stores a key (the injector calls {@link #follow} on every change of these
 * preferences, and e4 rebinds a binding whose key sequence changes).
 */
public final class ShortcutBindings {

    private final MApplication application;

    @Inject
    public ShortcutBindings(MApplication application) {
        this.application = application;
    }

    @Inject
    void follow(@Optional @Preference(nodePath = ShortcutSet.PREFERENCE_NODE, value = "shortcut.answer") String answer,
            @Optional @Preference(nodePath = ShortcutSet.PREFERENCE_NODE, value = "shortcut.hangUp") String hangUp,
            @Optional @Preference(nodePath = ShortcutSet.PREFERENCE_NODE, value = "shortcut.mute") String mute) {
        Map<String, String> stored = new java.util.HashMap<>();
        stored.put(ShortcutAction.ANSWER.preferenceKey(), answer);
        stored.put(ShortcutAction.HANG_UP.preferenceKey(), hangUp);
        stored.put(ShortcutAction.MUTE.preferenceKey(), mute);
        ShortcutSet keys = ShortcutSet.stored(stored::get);
        for (MBindingTable table : application.getBindingTables()) {
            for (MKeyBinding binding : table.getBindings()) {
                for (ShortcutAction action : ShortcutAction.values()) {
                    String sequence = keys.key(action).keySequence();
                    if (action.bindingId().equals(binding.getElementId()) && !sequence.equals(binding.getKeySequence())) {
                        binding.setKeySequence(sequence);
                    }
                }
            }
        }
    }
}

package dev.switchboard.ui.calls;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The key of every {@link ShortcutAction}, never two actions on one key. Read from the preferences
 * (missing or unreadable entries keep their default), changed one action at a time by the settings page.
 */
public final class ShortcutSet {

    /** Preference node of the UI, where the keys are stored beside the theme. */
    public static final String PREFERENCE_NODE = "dev.switchboard.ui";

    private static final System.Logger LOG = System.getLogger(ShortcutSet.class.getName());

    private final Map<ShortcutAction, ShortcutKey> keys;

    private ShortcutSet(Map<ShortcutAction, ShortcutKey> keys) {
        this.keys = Collections.unmodifiableMap(new EnumMap<>(keys));
    }

    public static ShortcutSet defaults() {
        Map<ShortcutAction, ShortcutKey> keys = new EnumMap<>(ShortcutAction.class);
        for (ShortcutAction action : ShortcutAction.values()) {
            keys.put(action, action.defaultKey());
        }
        return new ShortcutSet(keys);
    }

    /**
     * The keys stored under each action's {@link ShortcutAction#preferenceKey()} ({@code stored} gives
     * null when there is none). An unreadable entry keeps its default; a stored set that puts two
     * actions on one key (edited by hand) is dropped for the defaults. Both are logged.
     */
    public static ShortcutSet stored(Function<String, String> stored) {
        Map<ShortcutAction, ShortcutKey> keys = new EnumMap<>(ShortcutAction.class);
        for (ShortcutAction action : ShortcutAction.values()) {
            String text = stored.apply(action.preferenceKey());
            Optional<ShortcutKey> parsed = ShortcutKey.parse(text);
            if (text != null && parsed.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring the stored shortcut '" + text + "' for "
                        + action.label() + ": not a combination like Ctrl+Shift+A; using " + action.defaultKey());
            }
            keys.put(action, parsed.orElse(action.defaultKey()));
        }
        if (keys.values().stream().distinct().count() < keys.size()) {
            LOG.log(System.Logger.Level.WARNING, "The stored shortcuts put two actions on one key " + keys
                    + "; using the defaults");
            return defaults();
        }
        return new ShortcutSet(keys);
    }

    public ShortcutKey key(ShortcutAction action) {
        return keys.get(action);
    }

    /** The action on {@code key}, if any. */
    public Optional<ShortcutAction> actionOn(ShortcutKey key) {
        return keys.entrySet().stream().filter(entry -> entry.getValue().equals(key)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Why {@code action} cannot take {@code key} ("Ctrl+Shift+H already hangs up."), or empty when it can
     * (also when it has that key already).
     */
    public Optional<String> problem(ShortcutAction action, ShortcutKey key) {
        return actionOn(key).filter(other -> other != action)
                .map(other -> key.text() + " already " + other.verb() + ".");
    }

    /** "Ctrl+Shift+A answers, Ctrl+Shift+H hangs up, Ctrl+Shift+M mutes". */
    public String describe() {
        return keys.entrySet().stream().map(entry -> entry.getValue().text() + " " + entry.getKey().verb())
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShortcutSet set && set.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}

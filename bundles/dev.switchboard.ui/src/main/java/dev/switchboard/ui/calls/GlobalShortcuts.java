package dev.switchboard.ui.calls;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IPreferencesService;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Answer, hang up and mute from any application: the keys of {@link ShortcutSet} (stored in the UI's
 * preferences, Ctrl+Shift+A, H, M unless the user changed them) grabbed on the whole X11 screen, so
 * that a user typing elsewhere need not find the Switchboard window first. Each key runs what the
 * tray menu and the in-window shortcut run ({@link CallControls} picks the call, {@link CallCommands}
 * acts on it). A change of the stored keys is grabbed at once (the old keys released first). Without
 * X11 (Wayland, no DISPLAY, no libX11) or when another application owns a key, {@link #status()} and
 * {@link #refusal} say so and the log has it; the in-window shortcuts keep working either way.
 * <p>
 * The first grab (loading libX11, opening a display connection, the grabs: about 0.1 s of foreign calls
 * and their classes) runs on a thread of its own after activation: activation happens on the framework's
 * start-level thread, which the first window waits for. Until that grab is done the status says so.
 */
@Component(service = GlobalShortcuts.class, immediate = true)
public final class GlobalShortcuts {

    private static final System.Logger LOG = System.getLogger(GlobalShortcuts.class.getName());
    private static final String STARTING = "System-wide shortcuts are starting.";

    private final CallFeed feed;
    private final CallCommands commands;
    private final IEclipsePreferences preferences;
    private final IEclipsePreferences.IPreferenceChangeListener storedKeysChanged = event -> {
        if (isShortcutPreference(event.getKey())) {
            bind(storedKeys());
        }
    };
    private final String unavailable;

    /** Read by the grab's thread without the lock: releasing a grab under the lock waits for that thread. */
    private volatile ShortcutSet keys;
    // guarded by this: whether the settings page holds the grabs off, and what grabbing gave
    private boolean suspended;
    private boolean deactivated;
    private X11KeyGrab grab;
    private Map<ShortcutAction, String> refusals = Map.of();
    private String status;

    @Activate
    public GlobalShortcuts(@Reference CallFeed feed, @Reference CallCommands commands,
            @Reference IPreferencesService preferencesService) {
        this.feed = feed;
        this.commands = commands;
        this.preferences = (IEclipsePreferences) preferencesService.getRootNode().node(InstanceScope.SCOPE)
                .node(ShortcutSet.PREFERENCE_NODE);
        this.unavailable = unavailableReason();
        this.keys = storedKeys();
        if (unavailable != null) {
            grabKeys(); // no X11 call to make: only the status saying why
        } else {
            status = STARTING;
            Thread.ofPlatform().daemon().name("Global shortcuts start").start(this::grabAtStart);
        }
        preferences.addPreferenceChangeListener(storedKeysChanged);
    }

    /** One sentence for the user: active (with the keys), partly refused (and why), or unavailable (and why). */
    public synchronized String status() {
        return status;
    }

    /** Why {@code action}'s key is not grabbed system-wide, when it is not (another application owns it, say). */
    public synchronized Optional<String> refusal(ShortcutAction action) {
        return Optional.ofNullable(refusals.get(action));
    }

    /**
     * Releases every grab until {@link #resume()}: while the user types a new combination into a
     * settings field, the keys must reach that field instead of acting on calls.
     */
    public synchronized void suspend() {
        suspended = true;
        release();
    }

    /** Grabs the current keys again after {@link #suspend()}. */
    public synchronized void resume() {
        suspended = false;
        grabKeys();
    }

    /**
     * Whether another application holds {@code key} system-wide, tried with a grab of our own that is
     * released at once; empty when system-wide shortcuts are unavailable. Meant while {@link #suspend suspended},
     * as our own grab of the key would otherwise answer for it.
     */
    public Optional<String> ownedElsewhere(ShortcutKey key) {
        if (unavailable != null) {
            return Optional.empty();
        }
        try (X11KeyGrab probe = X11KeyGrab.open(List.of(new X11KeyGrab.Key(0, key.x11Keysym(), key.x11Modifiers())))) {
            return Optional.ofNullable(probe.refused().get(0));
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        preferences.removePreferenceChangeListener(storedKeysChanged);
        release();
    }

    /** Takes {@code wanted} as the keys: releases the old grabs and, unless suspended, grabs the new keys. */
    synchronized void bind(ShortcutSet wanted) {
        keys = wanted;
        release();
        if (!suspended) {
            grabKeys();
        }
    }

    /**
     * The first grab, on the start thread. Skipped when the component is gone, when the settings page holds
     * the grabs off (its resume grabs), or when a change of the stored keys has grabbed already.
     */
    private synchronized void grabAtStart() {
        if (!deactivated && !suspended && STARTING.equals(status)) {
            grabKeys();
        }
    }

    private ShortcutSet storedKeys() {
        return ShortcutSet.stored(key -> preferences.get(key, null));
    }

    private static boolean isShortcutPreference(String key) {
        return Arrays.stream(ShortcutAction.values()).anyMatch(action -> action.preferenceKey().equals(key));
    }

    private void grabKeys() {
        release();
        Map<ShortcutAction, String> refused = new EnumMap<>(ShortcutAction.class);
        String outcome;
        if (unavailable != null) {
            outcome = "System-wide shortcuts are unavailable: " + unavailable + ".";
        } else {
            try {
                grab = X11KeyGrab.open(Arrays.stream(ShortcutAction.values()).map(action -> new X11KeyGrab.Key(
                        action.ordinal(), keys.key(action).x11Keysym(), keys.key(action).x11Modifiers())).toList());
                grab.refused().forEach((id, reason) -> refused.put(ShortcutAction.values()[id],
                        keys.key(ShortcutAction.values()[id]).text() + ": " + reason));
                outcome = refused.isEmpty() ? "System-wide shortcuts are active: " + keys.describe() + "."
                        : "Some system-wide shortcuts are not active: " + String.join("; ", refused.values()) + ".";
                if (!grab.detectableRepeat()) {
                    LOG.log(System.Logger.Level.WARNING, "The X server cannot tell held keys from repeated ones"
                            + " (no XKB detectable auto-repeat): holding a shortcut may act more than once");
                }
                grab.start(this::pressed);
            } catch (IllegalStateException e) {
                outcome = "System-wide shortcuts are unavailable: " + e.getMessage() + ".";
            }
        }
        refusals = Map.copyOf(refused);
        if (!outcome.equals(status)) {
            LOG.log(outcome.startsWith("System-wide shortcuts are active") ? System.Logger.Level.INFO
                    : System.Logger.Level.WARNING, outcome);
        }
        status = outcome;
    }

    private void release() {
        if (grab != null) {
            try {
                grab.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            grab = null;
        }
    }

    private void pressed(int id) {
        ShortcutAction action = ShortcutAction.values()[id];
        ShortcutKey key = keys.key(action);
        CallBoard board = feed.current();
        switch (action) {
            case ANSWER -> act(key, action, CallControls.toAnswer(board), commands::answer);
            case HANG_UP -> act(key, action, CallControls.toHangUp(board), commands::hangUp);
            case MUTE -> act(key, action, CallControls.toMute(board), commands::toggleMute);
        }
    }

    private static void act(ShortcutKey key, ShortcutAction action, Optional<CallView> call,
            Function<CallView, CompletableFuture<Void>> command) {
        // one line per press that acts: the log tells what each key did, and that a held key acted once
        LOG.log(System.Logger.Level.INFO, "System-wide shortcut " + key.text() + " (" + action.label() + ") on "
                + call.map(target -> "call " + target.id()).orElse("no call"));
        call.ifPresent(target -> command.apply(target).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING,
                        key.text() + " on call " + target.id() + " failed: " + failure.getMessage());
            }
        }));
    }

    /** Null when an X11 server is there to grab keys on. */
    private static String unavailableReason() {
        String wayland = System.getenv("WAYLAND_DISPLAY");
        if (wayland != null && !wayland.isBlank()) {
            return "a Wayland session does not let applications grab keys (bind them in the desktop's own settings)";
        }
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            return "no X11 display";
        }
        return null;
    }
}

package dev.switchboard.ui.calls;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Answer, hang up and mute from any application: the window's key bindings (Ctrl+Shift+A, H, M in
 * Application.e4xmi) grabbed on the whole X11 screen, so that a user typing elsewhere need not find
 * the Switchboard window first. Each key runs what the tray menu and the in-window shortcut run
 * ({@link CallControls} picks the call, {@link CallCommands} acts on it). Without X11 (Wayland, no
 * DISPLAY, no libX11) or when another application owns a key, {@link #status()} says so and the
 * log has it; the in-window shortcuts keep working either way.
 */
@Component(service = GlobalShortcuts.class, immediate = true)
public final class GlobalShortcuts {

    private static final System.Logger LOG = System.getLogger(GlobalShortcuts.class.getName());
    private static final int CTRL_SHIFT = X11KeyGrab.CONTROL_MASK | X11KeyGrab.SHIFT_MASK;

    /** The shortcuts, the same keys as the window's bindings; the ordinal is the grab's id. */
    enum Shortcut {
        ANSWER("a", "Ctrl+Shift+A"),
        HANG_UP("h", "Ctrl+Shift+H"),
        MUTE("m", "Ctrl+Shift+M");

        final String keysym;
        final String label;

        Shortcut(String keysym, String label) {
            this.keysym = keysym;
            this.label = label;
        }
    }

    private final CallFeed feed;
    private final CallCommands commands;
    private final X11KeyGrab grab;
    private final String status;

    @Activate
    public GlobalShortcuts(@Reference CallFeed feed, @Reference CallCommands commands) {
        this.feed = feed;
        this.commands = commands;
        String unavailable = unavailableReason();
        X11KeyGrab opened = null;
        String outcome;
        if (unavailable != null) {
            outcome = "System-wide shortcuts are unavailable: " + unavailable + ".";
        } else {
            try {
                opened = X11KeyGrab.open(java.util.Arrays.stream(Shortcut.values())
                        .map(shortcut -> new X11KeyGrab.Key(shortcut.ordinal(), shortcut.keysym, CTRL_SHIFT)).toList());
                List<String> refused = opened.refused();
                outcome = refused.isEmpty()
                        ? "System-wide shortcuts are active: Ctrl+Shift+A answers, Ctrl+Shift+H hangs up, Ctrl+Shift+M mutes."
                        : "Some system-wide shortcuts are not active: " + String.join("; ", refused) + ".";
                opened.start(this::pressed);
            } catch (IllegalStateException e) {
                outcome = "System-wide shortcuts are unavailable: " + e.getMessage() + ".";
            }
        }
        grab = opened;
        status = outcome;
        LOG.log(outcome.startsWith("System-wide shortcuts are active") ? System.Logger.Level.INFO
                : System.Logger.Level.WARNING, outcome);
    }

    /** One sentence for the user: active, partly refused (and why), or unavailable (and why). */
    public String status() {
        return status;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        if (grab != null) {
            grab.close();
        }
    }

    private void pressed(int id) {
        Shortcut shortcut = Shortcut.values()[id];
        CallBoard board = feed.current();
        switch (shortcut) {
            case ANSWER -> act(shortcut, CallControls.toAnswer(board), commands::answer);
            case HANG_UP -> act(shortcut, CallControls.toHangUp(board), commands::hangUp);
            case MUTE -> act(shortcut, CallControls.toMute(board), commands::toggleMute);
        }
    }

    private static void act(Shortcut shortcut, Optional<CallView> call,
            Function<CallView, CompletableFuture<Void>> command) {
        call.ifPresent(target -> command.apply(target).whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING,
                        shortcut.label + " on call " + target.id() + " failed: " + failure.getMessage());
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

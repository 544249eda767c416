package dev.switchboard.ui.calls;

import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;
import dev.switchboard.media.session.TonePlayer;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Add-on (made by {@link dev.switchboard.ui.FirstPaint} once the window is up) that plays the ringtone ({@link Tone#RINGING}, the media engine's cadence) on the
 * ringer device chosen under Settings › Audio while any call rings for us, and stops it when none
 * does. Opening and closing the device runs on the core worker, never on the UI thread; a missing
 * device is logged and the call still rings visibly.
 */
public final class Ringer {

    /** Instance preference of {@code dev.switchboard.ui}: the ringer's device id; absent or blank for the default. */
    public static final String RINGER_DEVICE = "audio.ringer";
    private static final System.Logger LOG = System.getLogger(Ringer.class.getName());

    private final Executor worker;
    private final Supplier<String> device;
    private final Runnable watcher;
    private volatile CallFeed feed;
    private volatile TonePlayer player;

    // confined to the worker
    private ToneHandle playing;
    private boolean wanted;

    @Inject
    public Ringer(UISynchronize ui, @Service CoreOperations operations,
            @Preference(nodePath = "dev.switchboard.ui") IEclipsePreferences preferences) {
        this(task -> operations.run(task), () -> preferences.get(RINGER_DEVICE, ""), ui);
    }

    Ringer(Executor worker, Supplier<String> device, UISynchronize ui) {
        this.worker = worker;
        this.device = device;
        Runnable check = () -> {
            CallFeed current = feed;
            ring(current != null && !current.current().ringing().isEmpty());
        };
        this.watcher = ui == null ? check : new CoalescedRender(ui, check);
    }

    @Inject
    void usePlayer(@Optional @Service TonePlayer newPlayer) {
        player = newPlayer;
    }

    @Inject
    synchronized void useFeed(@Optional @Service CallFeed newFeed) {
        if (feed != null) {
            feed.removeWatcher(watcher);
        }
        feed = newFeed;
        if (newFeed != null) {
            newFeed.addWatcher(watcher);
        }
        watcher.run();
    }

    @PreDestroy
    void dispose() {
        CallFeed current = feed;
        if (current != null) {
            current.removeWatcher(watcher);
        }
        ring(false);
    }

    /** Starts or stops the ringtone; the last call wins, whatever the order the device work ends in. */
    void ring(boolean ringing) {
        String chosen = device.get();
        worker.execute(() -> {
            wanted = ringing;
            if (wanted && playing == null) {
                TonePlayer current = player;
                if (current == null) {
                    return;
                }
                try {
                    playing = current.play(Tone.RINGING, chosen.isBlank() ? null : chosen);
                } catch (AudioDeviceException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "no ringtone on " + (chosen.isBlank() ? "the default device" : chosen)
                            + ": " + e.getMessage());
                }
            } else if (!wanted && playing != null) {
                playing.close();
                playing = null;
            }
        });
    }
}

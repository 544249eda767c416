package dev.switchboard.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Starts the plug-ins the first window does not wait for (protocols, codecs, the media engine, history,
 * directories) while the window is being made, instead of before it.
 * <p>
 * The framework starts the e4 application only once it has reached {@code osgi.startLevel}, on the main
 * thread; everything started before that is on the window's critical path. The desktop product's
 * config.ini therefore stops the framework at the window's start level and puts those plug-ins one level
 * higher, named in {@value #PROPERTY}. This component, activated at the window's level, asks for that level:
 * the framework's start-level thread starts them right after, on the second core, while the main thread
 * builds the workbench. Everything the UI takes from them is an optional, dynamic service, so views fill in
 * as they arrive; what must see all of them (the first-start wizard's list of protocols) waits for
 * {@link #started()}. Without the property (test runtimes, other launchers) it does nothing and
 * {@link #started()} is already complete.
 */
@Component(service = ServicesStartLevel.class, immediate = true)
public final class ServicesStartLevel {

    /** Framework property: the start level holding the plug-ins the window does not wait for. */
    public static final String PROPERTY = "dev.switchboard.ui.servicesStartLevel";

    private static final System.Logger LOG = System.getLogger(ServicesStartLevel.class.getName());

    private final CompletableFuture<Void> started = new CompletableFuture<>();

    @Activate
    public ServicesStartLevel(BundleContext context) {
        int level = wantedLevel(context.getProperty(PROPERTY));
        FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
                .adapt(FrameworkStartLevel.class);
        if (level <= framework.getStartLevel()) {
            started.complete(null);
            return;
        }
        // asynchronous: queued behind the level being reached now, run on the start-level thread
        framework.setStartLevel(level, event -> {
            if (event.getType() == FrameworkEvent.ERROR) {
                LOG.log(System.Logger.Level.ERROR, "could not reach start level " + level, event.getThrowable());
            }
            // done either way: whatever did start is all there will be
            started.complete(null);
        });
    }

    /** Completes once the plug-ins of the services' start level have started (at once when there is none). */
    public CompletionStage<Void> started() {
        return started;
    }

    private static int wantedLevel(String property) {
        if (property == null || property.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(property.trim());
        } catch (NumberFormatException e) {
            LOG.log(System.Logger.Level.ERROR, "{0}={1} is not a start level; the plug-ins above the window''s "
                    + "start level stay stopped", PROPERTY, property);
            return 0;
        }
    }
}

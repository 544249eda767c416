package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.switchboard.core.lifecycle.FrontEnd;

/**
 * Makes SIGTERM (a session logout, systemd), SIGINT (Ctrl+C) and SIGHUP end Switchboard as Quit does.
 * <p>
 * On those signals the JVM runs its shutdown hooks and then halts, whatever the OSGi framework is doing: without
 * this, no bundle would stop (accounts stay registered, calls get no BYE, caches are not written). The hook
 * registered here asks the {@link FrontEnd} to quit (the desktop closes its workbench on the UI thread, the agent
 * ends as after {@code quit}); its application returns, the launcher stops the framework, and the hook waits for
 * the framework to reach STOPPED, at most {@link #BOUND} (a logout gives a program a few seconds before SIGKILL).
 * The hook never calls {@code System.exit}: the launcher's own {@code System.exit} after the framework stopped
 * blocks until the hooks are done, and the JVM then exits with the signal's usual status (128 + its number).
 * On a normal Quit the framework stops first and this component, deactivated, removes its hook.
 */
@Component(immediate = true)
public final class SignalStop {

    /** How long the whole stop may take after a signal before the JVM ends anyway. */
    static final Duration BOUND = Duration.ofSeconds(5);
    private static final Logger LOG = System.getLogger(SignalStop.class.getName());
    /** How long the hook looks for, and then waits on, the JDK's logging shutdown hook. */
    private static final Duration CLEANER_LOOK = Duration.ofMillis(300);

    private final Framework framework;
    private final Thread hook;
    /**
     * The handlers of java.util.logging's root logger at activation. The JDK's own logging shutdown hook runs
     * beside ours and removes every handler, which would silence what the stopping bundles log (an account that
     * could not be unregistered); once it is done, the hook puts these back (closing a ConsoleHandler only flushes it).
     */
    private final List<java.util.logging.Handler> rootHandlers;

    /**
     * The front end, got only when a signal comes: binding the service itself would activate the front end (and the
     * application container or workbench it refers to) as the core starts, on the start-level thread.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ComponentServiceObjects<FrontEnd> frontEnd;

    @Activate
    public SignalStop(BundleContext context) {
        // Equinox's system bundle is the Framework object the launcher waits on
        this.framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.rootHandlers = List.of(java.util.logging.Logger.getLogger("").getHandlers());
        this.hook = Thread.ofPlatform().name("switchboard-signal-stop").unstarted(this::stopOnSignal);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already running its hooks (ours among them): the framework is stopping on a signal
        }
    }

    void stopOnSignal() {
        long deadline = System.nanoTime() + BOUND.toNanos();
        keepLogging();
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            LOG.log(Level.INFO, "the JVM is ending while Switchboard is already stopping (Quit); waiting for the stop");
        } else {
            ComponentServiceObjects<FrontEnd> current = frontEnd;
            LOG.log(Level.WARNING, "stopping on a signal (SIGTERM, SIGINT or SIGHUP) as Quit does");
            try {
                if (current == null || !quit(current)) {
                    LOG.log(Level.INFO, "no front end is running: stopping the framework directly");
                    framework.stop();
                }
            } catch (BundleException | RuntimeException e) {
                LOG.log(Level.ERROR, "could not start the stop; the JVM ends without stopping the plug-ins", e);
                return;
            }
        }
        try {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            FrameworkEvent event = framework.waitForStop(left);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.log(Level.ERROR, "not stopped within {0} ms of the signal; the JVM ends now. Still stopping: {1}",
                        BOUND.toMillis(), stillRunning());
            } else {
                LOG.log(Level.INFO, "stopped on a signal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean quit(ComponentServiceObjects<FrontEnd> frontEnds) {
        FrontEnd running = frontEnds.getService();
        if (running == null) {
            return false;
        }
        try {
            return running.quit();
        } finally {
            frontEnds.ungetService(running);
        }
    }

    /**
     * Waits for the JDK's logging shutdown hook ({@code LogManager$Cleaner}) to finish, then restores the root
     * logger's handlers. The JVM starts every hook before it joins any, so the cleaner is started at the latest right
     * after this one: look for it briefly (yielding), join it; or see that it has already removed the handlers.
     */
    private void keepLogging() {
        if (rootHandlers.isEmpty()) {
            return;
        }
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        long lookUntil = System.nanoTime() + CLEANER_LOOK.toNanos();
        while (root.getHandlers().length > 0 && System.nanoTime() < lookUntil) {
            Thread cleaner = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getClass().getName().equals("java.util.logging.LogManager$Cleaner"))
                    .findFirst().orElse(null);
            if (cleaner != null) {
                try {
                    cleaner.join(CLEANER_LOOK.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                break;
            }
            Thread.yield();
        }
        if (root.getHandlers().length == 0) {
            rootHandlers.forEach(root::addHandler);
        }
    }

    private String stillRunning() {
        return Arrays.stream(framework.getBundleContext() == null ? new Bundle[0]
                : framework.getBundleContext().getBundles())
                .filter(bundle -> bundle.getState() == Bundle.STOPPING)
                .map(Bundle::getSymbolicName)
                .collect(Collectors.joining(", "));
    }
}

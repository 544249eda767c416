package dev.switchboard.core.lifecycle;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The running front end (the desktop window or the headless agent), as the core's signal handling sees it.
 * <p>
 * When the JVM is told to end from outside (SIGTERM at a session logout or from systemd, SIGINT, SIGHUP), the core
 * calls {@link #quit()} so the front end ends the way its own Quit does: its application returns, and the launcher
 * then stops the framework, which stops every bundle in order (accounts unregistered, calls hung up, caches written).
 * At most one front end is expected per runtime; the core uses the one with the highest {@code service.ranking}.
 */
@ConsumerType
public interface FrontEnd {

    /**
     * Asks the front end to end as its Quit does. Returns at once; the ending itself happens on the front end's own
     * thread (the UI thread for the desktop). Called from a thread of the JVM's shutdown, which must not block on it.
     *
     * @return {@code false} when the front end is not running (not yet, or another application runs), so the caller
     *         stops the framework itself
     */
    boolean quit();
}

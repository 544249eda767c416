package dev.switchboard.ui.calls;

/**
 * The live picture of every call, offered as an OSGi service so that e4 parts and handlers can have
 * it injected. Watchers are told that something changed, on whichever thread the change happened;
 * they read {@link #current()} on their own (UI) thread.
 */
public interface CallFeed {

    CallBoard current();

    /**
     * Reads a call again. Mute and recording change without a state transition, so whoever changed
     * them asks for a fresh reading.
     */
    void refresh(String callId);

    void addWatcher(Runnable watcher);

    void removeWatcher(Runnable watcher);
}

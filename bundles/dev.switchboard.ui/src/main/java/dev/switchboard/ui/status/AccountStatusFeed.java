package dev.switchboard.ui.status;

/**
 * The live registration picture of all accounts, offered as an OSGi service so that e4 parts can
 * have it injected. Watchers are told that something changed, on whichever thread the change
 * happened; they read {@link #current()} on their own (UI) thread.
 */
public interface AccountStatusFeed {

    StatusBoard current();

    void addWatcher(Runnable watcher);

    void removeWatcher(Runnable watcher);
}

package dev.switchboard.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background half of a live picture the window shows (calls, account states): every callback
 * from the core only queues a step; one worker thread runs the steps in arrival order and owns the
 * subclass's mutable state, so the core's threads never wait on the UI, the tracker may call back
 * into the core without holding a lock the core might also want, and a fresh read of a service plus
 * the events queued after it always end in the right state. Each step that changes the picture
 * {@linkplain #publish publishes} an immutable board; watchers are told on the worker thread and
 * read {@link #current()} on their own (UI) thread.
 *
 * @param <B> the immutable picture
 */
public abstract class SteppedFeed<B> {

    private final Executor steps;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private volatile B board;

    /** @param steps runs the steps one at a time, in the order given */
    protected SteppedFeed(Executor steps, B initial) {
        this.steps = steps;
        this.board = initial;
    }

    /**
     * One daemon worker that keeps no thread while idle, so nothing needs shutting down when the
     * component goes: a step queued by the last unbind still runs and then the thread ends.
     */
    protected static Executor worker(String threadName) {
        return new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().daemon().name(threadName).unstarted(task));
    }

    /** Queues {@code step} behind every step queued before it. */
    protected final void step(Runnable step) {
        steps.execute(step);
    }

    /** Makes {@code next} the current picture and tells every watcher; call from a step only. */
    protected final void publish(B next) {
        board = next;
        watchers.forEach(Runnable::run);
    }

    public B current() {
        return board;
    }

    public void addWatcher(Runnable watcher) {
        watchers.add(watcher);
    }

    public void removeWatcher(Runnable watcher) {
        watchers.remove(watcher);
    }
}

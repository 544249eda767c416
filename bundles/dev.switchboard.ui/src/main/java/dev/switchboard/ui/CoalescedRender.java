package dev.switchboard.ui;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.ui.di.UISynchronize;

/**
 * Runs a control's render on the UI thread once for any burst of change notices: feeds tell their
 * watchers on the core's threads, often several times in a row, and the control reads the feed's
 * current picture when it renders, so one pending render covers them all.
 */
public final class CoalescedRender implements Runnable {

    private final UISynchronize ui;
    private final Runnable render;
    private final AtomicBoolean pending = new AtomicBoolean();

    public CoalescedRender(UISynchronize ui, Runnable render) {
        this.ui = ui;
        this.render = render;
    }

    /** Asks for a render; does nothing if one is already queued. Any thread. */
    @Override
    public void run() {
        if (pending.compareAndSet(false, true)) {
            ui.asyncExec(() -> {
                pending.set(false);
                render.run();
            });
        }
    }
}

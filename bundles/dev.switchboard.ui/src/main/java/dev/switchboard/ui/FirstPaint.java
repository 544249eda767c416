package dev.switchboard.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Widget;
import org.osgi.service.event.Event;

import dev.switchboard.ui.accounts.FirstStartAddon;
import dev.switchboard.ui.calls.IncomingCallNotifier;
import dev.switchboard.ui.calls.Ringer;
import dev.switchboard.ui.calls.TrayIndicator;
import dev.switchboard.ui.chats.UnreadBadge;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Model add-on that keeps work off the path to the first window. e4 makes every model add-on and
 * renders every visible part before it maps the window, so whatever they do delays it; the add-ons
 * the first frame does not show ({@link #LATER_ADDONS}: the incoming-call notification, the tray
 * icon, the ringer, the unread count on the Chats tab, the first-start wizard) are made here instead,
 * and parts hand over what can wait ({@link #later(Runnable)}, e.g. the contact services, whose
 * first use activates the contact sources and queries the store). Both run on the UI thread once e4
 * reports start-up complete (the window made and mapped: SWT's {@code Shell.open} waits for the
 * map), queued behind the events of the window's first paint. The add-ons made here live in the
 * application's context as model add-ons do, and are disposed with it.
 */
public final class FirstPaint {

    /** Made once the window is up, in this order. */
    static final List<Class<?>> LATER_ADDONS = List.of(IncomingCallNotifier.class, Ringer.class, TrayIndicator.class,
            UnreadBadge.class, FirstStartAddon.class);

    private final IEclipseContext context;
    private final UISynchronize ui;
    private final List<Class<?>> laterAddons;
    /** Tasks waiting for the window; {@code null} once it is up. UI thread only. */
    private List<Runnable> waiting = new ArrayList<>();

    @Inject
    public FirstPaint(IEclipseContext context, UISynchronize ui) {
        this(context, ui, LATER_ADDONS);
    }

    FirstPaint(IEclipseContext context, UISynchronize ui, List<Class<?>> laterAddons) {
        this.context = context;
        this.ui = ui;
        this.laterAddons = laterAddons;
    }

    /** Offered to the parts (rendered after the add-ons are made) through the application's context. */
    @PostConstruct
    void offer() {
        context.set(FirstPaint.class, this);
    }

    /** Runs {@code task} on the UI thread after the window's first paint (soon, if the window is already up). UI thread. */
    public void later(Runnable task) {
        if (waiting == null) {
            ui.asyncExec(task);
        } else {
            waiting.add(task);
        }
    }

    @Inject
    @Optional
    void windowShown(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        if (waiting == null) {
            return;
        }
        List<Runnable> tasks = waiting;
        waiting = null;
        ui.asyncExec(() -> {
            for (Class<?> addon : laterAddons) {
                ContextInjectionFactory.make(addon, context);
            }
        });
        tasks.forEach(ui::asyncExec);
    }

    /**
     * Injects {@code services} (a part's inner object of {@code @Inject} service setters) from {@code context} after
     * the first paint, unless {@code owner}, the part's control, has been disposed by then.
     */
    public static void injectLater(FirstPaint firstPaint, IEclipseContext context, Object services, Widget owner) {
        later(firstPaint, () -> {
            if (!owner.isDisposed()) {
                ContextInjectionFactory.inject(services, context);
            }
        });
    }

    /**
     * Runs {@code task} after the first paint when {@code firstPaint} is there (the desktop), at once
     * otherwise (a part made by a test or another workbench).
     */
    public static void later(FirstPaint firstPaint, Runnable task) {
        if (firstPaint == null) {
            task.run();
        } else {
            firstPaint.later(task);
        }
    }
}

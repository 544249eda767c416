package dev.switchboard.ui.chats;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

import dev.switchboard.ui.CoalescedRender;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * An add-on (made by {@link dev.switchboard.ui.FirstPaint} once the window is up) that puts the number of unread messages on the Chats tab ("Chats (3)"), also while
 * the chats view has never been opened; the view itself exists only once the user shows it.
 */
public final class UnreadBadge {

    private static final String TITLE = "Chats";

    private final ChatTracker tracker;
    private final MPart chats;
    private final ChatTracker.Watcher watcher;

    @Inject
    public UnreadBadge(UISynchronize ui, @Service ChatTracker tracker, MApplication application, EModelService models) {
        this.tracker = tracker;
        Runnable showSoon = new CoalescedRender(ui, this::show);
        this.watcher = new ChatTracker.Watcher() {
            @Override
            public void changed() {
                showSoon.run();
            }
        };
        this.chats = models.findElements(application, ChatsPart.PART_ID, MPart.class).stream().findFirst().orElse(null);
    }

    @PostConstruct
    void start() {
        tracker.addWatcher(watcher);
        show();
    }

    @PreDestroy
    void stop() {
        tracker.removeWatcher(watcher);
    }

    private void show() {
        if (chats == null) {
            return;
        }
        int unread = tracker.totalUnread();
        String label = unread > 0 ? TITLE + " (" + unread + ")" : TITLE;
        if (!label.equals(chats.getLabel())) {
            chats.setLabel(label);
        }
    }
}

package dev.switchboard.ui.calls;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageDataProvider;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;

import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.PresenceDots;
import dev.switchboard.ui.UiTopics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Model add-on: an icon in the desktop's system tray showing the user's availability (the dot's
 * colour) and the calls missed since the user last looked (a red count on the dot, and the
 * tooltip). A click brings the window up and counts the missed calls as seen, as does showing
 * the History view. Where the desktop has no tray, there is no icon and nothing else changes.
 */
public final class TrayIndicator {

    private static final int SIZE = 22;

    private final UISynchronize ui;
    private final MissedCalls missed = new MissedCalls();
    private final Runnable watcher;
    private volatile CallFeed feed;
    private Availability availability = Availability.OFFLINE;
    private TrayItem item;
    private Image image;

    @Inject
    public TrayIndicator(UISynchronize ui) {
        this.ui = ui;
        this.watcher = new CoalescedRender(ui, this::readCalls);
    }

    @Inject
    void start(@Optional @Service PresenceService presence) {
        if (item == null) {
            Tray tray = Display.getCurrent().getSystemTray();
            if (tray == null) {
                return;
            }
            item = new TrayItem(tray, SWT.NONE);
            item.addListener(SWT.Selection, event -> raise());
            item.addListener(SWT.DefaultSelection, event -> raise());
        }
        if (presence != null) {
            availability = presence.own().availability();
        }
        show();
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

    @Inject
    @Optional
    void availabilityChanged(@UIEventTopic(UiTopics.AVAILABILITY) Availability changed) {
        availability = changed;
        show();
    }

    @Inject
    @Optional
    void missedSeen(@UIEventTopic(UiTopics.MISSED_SEEN) Object ignored) {
        if (missed.seen()) {
            show();
        }
    }

    @PreDestroy
    void dispose() {
        CallFeed current = feed;
        if (current != null) {
            current.removeWatcher(watcher);
        }
        if (item != null && !item.isDisposed()) {
            item.dispose();
        }
        if (image != null) {
            image.dispose();
        }
    }

    private void readCalls() {
        CallFeed current = feed;
        if (current != null && missed.update(current.current())) {
            show();
        }
    }

    private void raise() {
        for (Shell shell : Display.getCurrent().getShells()) {
            if ("Switchboard".equals(shell.getText())) {
                shell.setMinimized(false);
                shell.forceActive();
            }
        }
        if (missed.seen()) {
            show();
        }
    }

    private void show() {
        if (item == null || item.isDisposed()) {
            return;
        }
        int count = missed.count();
        item.setToolTipText("Switchboard \u2014 " + PresenceDots.words(availability)
                + (count == 0 ? "" : " \u00B7 " + count + (count == 1 ? " missed call" : " missed calls")));
        Image previous = image;
        image = draw(item.getDisplay(), availability, count);
        item.setImage(image);
        if (previous != null) {
            previous.dispose();
        }
    }

    /** The availability dot; with missed calls, a red disc with their count over its top right. */
    private static Image draw(Display display, Availability availability, int missedCount) {
        return new Image(display, (ImageDataProvider) zoom -> {
            int size = SIZE * zoom / 100;
            Image canvas = new Image(display, size, size);
            GC gc = new GC(canvas);
            Color fill = PresenceDots.colour(display, availability);
            try {
                // no antialiasing: the edge pixels would blend with the black that becomes transparent
                gc.setAntialias(SWT.OFF);
                gc.setTextAntialias(SWT.OFF);
                gc.setBackground(display.getSystemColor(SWT.COLOR_BLACK));
                gc.fillRectangle(0, 0, size, size);
                gc.setBackground(fill);
                int dot = size * 2 / 3;
                gc.fillOval(0, size - dot, dot, dot);
                if (missedCount > 0) {
                    int badge = size * 3 / 5;
                    gc.setBackground(new Color(display, 200, 30, 40));
                    gc.fillOval(size - badge, 0, badge, badge);
                    gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
                    String text = missedCount > 9 ? "9+" : Integer.toString(missedCount);
                    Point extent = gc.textExtent(text);
                    gc.drawText(text, size - badge + (badge - extent.x) / 2, (badge - extent.y) / 2, true);
                }
            } finally {
                gc.dispose();
            }
            var data = canvas.getImageData();
            canvas.dispose();
            // black is the background: transparent
            data.transparentPixel = data.palette.getPixel(new org.eclipse.swt.graphics.RGB(0, 0, 0));
            return data;
        });
    }
}

package dev.switchboard.ui.calls;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;

import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.PresenceDots;
import dev.switchboard.ui.VectorIcons;
import dev.switchboard.ui.UiTopics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Add-on (made by {@link dev.switchboard.ui.FirstPaint} once the window is up): an icon in the desktop's system tray showing the user's availability (the dot's
 * colour) and the calls missed since the user last looked (a red count on the dot, and the
 * tooltip). A click brings the window up and counts the missed calls as seen, as does showing
 * the History view. Its menu (right click) shows the window and answers, hangs up or mutes the call the
 * global shortcuts would pick ({@link CallControls}), so a call can be handled while the window is
 * hidden behind others. Where the desktop has no tray, there is no icon and nothing else changes.
 */
public final class TrayIndicator {

    private final UISynchronize ui;
    private final MissedCalls missed = new MissedCalls();
    private final Runnable watcher;
    private volatile CallFeed feed;
    private volatile CallCommands commands;
    private Availability availability = Availability.OFFLINE;
    private TrayItem item;
    private Image image;

    @Inject
    public TrayIndicator(UISynchronize ui) {
        this.ui = ui;
        this.watcher = new CoalescedRender(ui, this::readCalls);
    }

    @Inject
    void usePresence(@Optional @Service PresenceService presence) {
        if (presence != null) {
            availability = presence.own().availability();
        }
        show();
    }

    /**
     * The add-on is made once the window is up ({@link dev.switchboard.ui.FirstPaint}): the tray item and its
     * drawing took ~20-45 ms of the main thread before the first window.
     */
    @PostConstruct
    void makeItem() {
        Tray tray = Display.getCurrent().getSystemTray();
        if (tray == null) {
            return;
        }
        item = new TrayItem(tray, SWT.NONE);
        item.addListener(SWT.Selection, e -> raise());
        item.addListener(SWT.DefaultSelection, e -> raise());
        item.addListener(SWT.MenuDetect, e -> showMenu());
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
    void useCommands(@Optional @Service CallCommands newCommands) {
        commands = newCommands;
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

    /** Built when asked for, so its items are enabled from the calls of that moment. */
    private void showMenu() {
        Shell window = mainWindow();
        if (window == null) {
            return;
        }
        Menu menu = new Menu(window, SWT.POP_UP);
        menu.addListener(SWT.Hide, event -> item.getDisplay().asyncExec(menu::dispose));
        menuItem(menu, "Show Switchboard", true, this::raise);
        new MenuItem(menu, SWT.SEPARATOR);
        CallFeed currentFeed = feed;
        CallCommands currentCommands = commands;
        CallBoard board = currentFeed == null ? null : currentFeed.current();
        boolean usable = board != null && currentCommands != null;
        java.util.Optional<CallView> ringing = usable ? CallControls.toAnswer(board) : java.util.Optional.empty();
        java.util.Optional<CallView> talking = usable ? CallControls.toHangUp(board) : java.util.Optional.empty();
        java.util.Optional<CallView> mutable = usable ? CallControls.toMute(board) : java.util.Optional.empty();
        menuItem(menu, "Answer\tCtrl+Shift+A", ringing.isPresent(), () -> ringing.ifPresent(currentCommands::answer));
        menuItem(menu, "Hang up\tCtrl+Shift+H", talking.isPresent(), () -> talking.ifPresent(currentCommands::hangUp));
        menuItem(menu, "Mute or unmute\tCtrl+Shift+M", mutable.isPresent(),
                () -> mutable.ifPresent(currentCommands::toggleMute));
        menu.setVisible(true);
    }

    private static void menuItem(Menu menu, String text, boolean enabled, Runnable action) {
        MenuItem entry = new MenuItem(menu, SWT.PUSH);
        entry.setText(text);
        entry.setEnabled(enabled);
        entry.addListener(SWT.Selection, event -> action.run());
    }

    private static Shell mainWindow() {
        for (Shell shell : Display.getCurrent().getShells()) {
            if ("Switchboard".equals(shell.getText())) {
                return shell;
            }
        }
        return null;
    }

    private void show() {
        if (item == null || item.isDisposed()) {
            return;
        }
        int count = missed.count();
        item.setToolTipText("Switchboard \u2014 " + PresenceDots.words(availability)
                + (count == 0 ? "" : " \u00B7 " + count + (count == 1 ? " missed call" : " missed calls")));
        Image previous = image;
        image = VectorIcons.image(item.getDisplay(), VectorIcons.TRAY_SIZE, VectorIcons.trayIcon(availability, count));
        item.setImage(image);
        if (previous != null) {
            previous.dispose();
        }
    }
}

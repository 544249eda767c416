package dev.switchboard.ui.status;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Button;

import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The status area in the window's bottom trim: one entry per account, a coloured dot and a line
 * such as "alice: connection lost — no answer from registrar". It renders whatever
 * {@link AccountStatusFeed} currently says, on the UI thread, whenever the feed reports a change.
 */
public final class RegistrationStatusControl {

    /** Data key under which SWTBot (and our UI tests) look a widget up. */
    public static final String WIDGET_KEY = "org.eclipse.swtbot.widget.key";
    /** Value of {@link #WIDGET_KEY} on the status area. */
    public static final String STATUS_AREA_ID = "switchboard.status";
    /** Prefix of {@link #WIDGET_KEY} on each account's line; the account id follows. */
    public static final String ACCOUNT_ENTRY_ID_PREFIX = "switchboard.status.account.";
    /** Value of {@link #WIDGET_KEY} on the line shown instead of entries when there are none. */
    public static final String NOTE_ID = "switchboard.status.note";
    /** Prefix of {@link #WIDGET_KEY} on an entry's Retry / Connect button; the account id follows. */
    public static final String CONNECT_ID_PREFIX = "switchboard.status.connect.";
    /** The status area's accessible name. */
    public static final String ACCESSIBLE_NAME = "Registration status";

    private static final String DOT = "\u25CF";

    private final UISynchronize ui;
    /** Asks for one render for any burst of feed notices. */
    private final Runnable feedWatcher;
    /** Coalesces a burst of changes into one render. */
    private volatile AccountStatusFeed feed;
    private volatile RegistrationManager registrations;
    private volatile CoreOperations operations;
    /** Why the last Retry / Connect failed, per account, until the account's state changes. */
    private final java.util.Map<String, String> connectFailures = new java.util.HashMap<>();
    private Composite area;
    private String summary = "";
    /** What the entries show now; services arriving one by one publish the same board several times. */
    private StatusBoard rendered;
    private boolean retryFailureChanged;

    @Inject
    public RegistrationStatusControl(UISynchronize ui) {
        this.ui = ui;
        this.feedWatcher = new CoalescedRender(ui, this::render);
    }

    /** Called again, on any thread, whenever the feed service comes or goes. */
    @Inject
    synchronized void useFeed(@Optional @Service AccountStatusFeed newFeed) {
        AccountStatusFeed oldFeed = feed;
        if (oldFeed == newFeed) {
            return;
        }
        if (oldFeed != null) {
            oldFeed.removeWatcher(feedWatcher);
        }
        feed = newFeed;
        if (newFeed != null) {
            newFeed.addWatcher(feedWatcher);
        }
        feedWatcher.run();
    }

    @Inject
    void useRegistrations(@Optional @Service RegistrationManager manager, @Optional @Service CoreOperations worker) {
        registrations = manager;
        operations = worker;
    }

    @PostConstruct
    void createControls(Composite parent) {
        area = new Composite(parent, SWT.NONE);
        area.setData(WIDGET_KEY, STATUS_AREA_ID);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.spacing = 18;
        layout.marginLeft = 8;
        layout.marginRight = 8;
        layout.marginTop = 3;
        layout.marginBottom = 3;
        area.setLayout(layout);
        area.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent event) {
                event.result = ACCESSIBLE_NAME;
            }

            @Override
            public void getDescription(AccessibleEvent event) {
                event.result = summary;
            }
        });
        render();
    }

    @PreDestroy
    void dispose() {
        AccountStatusFeed current = feed;
        if (current != null) {
            current.removeWatcher(feedWatcher);
        }
    }

    private void render() {
        if (area == null || area.isDisposed()) {
            return;
        }
        AccountStatusFeed source = feed;
        StatusBoard board = source == null ? StatusBoard.NOTHING_RUNNING : source.current();
        if (board.equals(rendered) && !retryFailureChanged) {
            return;
        }
        rendered = board;
        retryFailureChanged = false;
        for (Control old : area.getChildren()) {
            old.dispose();
        }
        // a failed attempt's reason stays only while the account still waits for the user to act
        connectFailures.keySet().removeIf(id -> board.accounts().stream()
                .filter(account -> account.accountId().equals(id))
                .noneMatch(account -> !StatusText.connectAction(account.state()).isEmpty()));
        List<String> lines = StatusText.lines(board);
        if (board.accountServiceRunning() && !board.accounts().isEmpty()) {
            board.accounts().forEach(account -> addEntry(account, board.registrationServiceRunning()));
        } else {
            addNote(lines.getFirst());
        }
        summary = String.join("; ", lines);
        area.setToolTipText(String.join("\n", lines));
        area.requestLayout();
    }

    private void addNote(String text) {
        Label note = new Label(area, SWT.NONE);
        note.setText(text);
        note.setData(WIDGET_KEY, NOTE_ID);
        note.setForeground(Widgets.secondaryText(area.getDisplay()));
    }

    private void addEntry(AccountStatus account, boolean registrationServiceRunning) {
        Composite entry = new Composite(area, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.center = true;
        layout.spacing = 4;
        layout.marginLeft = layout.marginRight = layout.marginTop = layout.marginBottom = 0;
        entry.setLayout(layout);
        Label dot = new Label(entry, SWT.NONE);
        dot.setText(DOT);
        dot.setForeground(area.getDisplay().getSystemColor(
                registrationServiceRunning ? dotColour(account.state()) : SWT.COLOR_DARK_GRAY));
        // The dot says nothing that the line does not; keep screen readers from announcing a shape.
        dot.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent event) {
                event.result = "";
            }
        });
        Label text = new Label(entry, SWT.NONE);
        String line = StatusText.entry(account, registrationServiceRunning);
        // a long reason would push the other accounts out of the window: cut, and whole in the tooltip
        text.setText(StatusText.shown(line));
        text.setToolTipText(line);
        text.setData(WIDGET_KEY, ACCOUNT_ENTRY_ID_PREFIX + account.accountId());
        String action = registrationServiceRunning ? StatusText.connectAction(account.state()) : "";
        if (!action.isEmpty()) {
            boolean lost = account.state().kind() == RegistrationState.Kind.CONNECTION_LOST
                    || account.state().kind() == RegistrationState.Kind.FAILED;
            if (lost) {
                text.setForeground(dev.switchboard.ui.Widgets.errorColour(area.getDisplay()));
            }
            // a flat button rather than a Link: GTK's accessibility bridge keeps stale children of a
            // disposed Link, and the entries are rebuilt whenever a state changes
            Button connect = new Button(entry, SWT.PUSH | SWT.FLAT);
            connect.setText(action);
            connect.setData(WIDGET_KEY, CONNECT_ID_PREFIX + account.accountId());
            String spoken = action + " " + account.displayName();
            connect.getAccessible().addAccessibleListener(new AccessibleAdapter() {
                @Override
                public void getName(AccessibleEvent event) {
                    event.result = spoken;
                }
            });
            connect.addListener(SWT.Selection, event -> connect(account));
        }
        String failure = connectFailures.get(account.accountId());
        if (failure != null) {
            Label why = new Label(entry, SWT.NONE);
            why.setText("(" + failure + ")");
            why.setForeground(dev.switchboard.ui.Widgets.errorColour(area.getDisplay()));
        }
    }

    private void connect(AccountStatus account) {
        RegistrationManager manager = registrations;
        CoreOperations worker = operations;
        if (manager == null || worker == null) {
            return;
        }
        connectFailures.remove(account.accountId());
        worker.run(() -> manager.register(account.accountId())).whenComplete((done, failure) -> {
            if (failure != null) {
                ui.asyncExec(() -> {
                    connectFailures.put(account.accountId(), CoreOperations.reason(failure));
                    retryFailureChanged = true;
                    render();
                });
            }
        });
    }

    private static int dotColour(RegistrationState state) {
        return switch (state.kind()) {
            case REGISTERED -> SWT.COLOR_DARK_GREEN;
            case REGISTERING -> SWT.COLOR_DARK_YELLOW;
            case UNREGISTERED -> SWT.COLOR_DARK_GRAY;
            case FAILED, CONNECTION_LOST -> SWT.COLOR_RED;
        };
    }
}

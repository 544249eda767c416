package dev.switchboard.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.history.CallRecord;
import dev.switchboard.history.History;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.UiTopics;
import dev.switchboard.ui.SearchField;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.calls.CallCommands;
import dev.switchboard.ui.calls.CallFeed;
import dev.switchboard.ui.contacts.ContactDialog;
import dev.switchboard.ui.contacts.ContactText;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Past calls, newest first: missed (in red), received, dialled, with the talk time; filtered by kind
 * and by name or number; Call back and Add to contacts on the chosen one. Read again whenever a call
 * ends (the history stores a call when it ends) and when the view is shown.
 */
public final class HistoryPart {

    public static final String PART_ID = "dev.switchboard.ui.part.history";
    public static final String LIST_NAME = "Call history";
    private static final int LIMIT = 500;

    private final UISynchronize ui;
    private final IEventBroker events;
    private final CoreOperations operations;
    private final Runnable watcher = this::callsChanged;
    private final AtomicBoolean readPending = new AtomicBoolean();
    private volatile History history;
    private volatile CallFeed calls;
    private volatile CallCommands commands;
    private volatile AddressBook book;
    private int callsSeen = -1;

    private Combo filter;
    private SearchField search;
    private Table table;
    private MessageLine message;
    private Button callBack;
    private Button addContact;
    private Color missedColour;
    private List<CallRecord> all = List.of();
    private List<CallRecord> shown = List.of();

    @Inject
    public HistoryPart(UISynchronize ui, @Service CoreOperations operations, IEventBroker events) {
        this.ui = ui;
        this.operations = operations;
        this.events = events;
    }

    @Inject
    void useHistory(@org.eclipse.e4.core.di.annotations.Optional @Service History newHistory) {
        history = newHistory;
        readSoon();
    }

    @Inject
    synchronized void useCalls(@org.eclipse.e4.core.di.annotations.Optional @Service CallFeed feed) {
        if (calls != null) {
            calls.removeWatcher(watcher);
        }
        calls = feed;
        if (feed != null) {
            feed.addWatcher(watcher);
        }
    }

    @Inject
    void useCommands(@org.eclipse.e4.core.di.annotations.Optional @Service CallCommands newCommands) {
        commands = newCommands;
    }

    @Inject
    void useBook(@org.eclipse.e4.core.di.annotations.Optional @Service AddressBook newBook) {
        book = newBook;
    }

    @PostConstruct
    void createControls(Composite parent) {
        missedColour = Widgets.errorColour(parent.getDisplay());
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 10;
        layout.marginHeight = 8;
        parent.setLayout(layout);

        Label show = new Label(parent, SWT.NONE);
        show.setText("Show");
        filter = Widgets.name(new Combo(parent, SWT.READ_ONLY), "switchboard.history.filter", null);
        for (CallFilter each : CallFilter.values()) {
            filter.add(each.label());
        }
        filter.select(0);
        Widgets.labelledBy(filter, show);
        filter.addListener(SWT.Selection, event -> render());
        search = new SearchField(parent, "Find", "switchboard.history.search", null, "Name or number", text -> render());

        table = Widgets.name(new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER), "switchboard.history.list",
                LIST_NAME);
        table.setHeaderVisible(true);
        table.setLinesVisible(false);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        column("", 90);
        column("Name or number", 220);
        column("When", 110);
        column("Talk time", 80);
        column("Account", 110);
        table.addListener(SWT.Selection, event -> updateButtons());
        table.addListener(SWT.DefaultSelection, event -> callBack());

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayout barLayout = new GridLayout(3, false);
        barLayout.marginWidth = 0;
        bar.setLayout(barLayout);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        callBack = Widgets.name(new Button(bar, SWT.PUSH), "switchboard.history.callback", null);
        callBack.setText("Call back");
        callBack.addListener(SWT.Selection, event -> callBack());
        addContact = Widgets.name(new Button(bar, SWT.PUSH), "switchboard.history.addcontact", null);
        addContact.setText("Add to contacts…");
        addContact.addListener(SWT.Selection, event -> addToContacts());
        message = new MessageLine(bar, "switchboard.history.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        updateButtons();
        readSoon();
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.NONE);
        column.setText(title);
        column.setWidth(width);
    }

    @Focus
    void focus() {
        // the missed calls are in front of the user now
        events.post(UiTopics.MISSED_SEEN, Boolean.TRUE);
        readSoon();
        table.setFocus();
    }

    @PreDestroy
    void dispose() {
        CallFeed feed = calls;
        if (feed != null) {
            feed.removeWatcher(watcher);
        }
    }

    /** A call that leaves the board has ended and is in the history now. */
    private void callsChanged() {
        CallFeed feed = calls;
        int running = feed == null ? 0 : feed.current().calls().size();
        boolean ended;
        synchronized (this) {
            ended = running < callsSeen;
            callsSeen = running;
        }
        if (ended) {
            readSoon();
        }
    }

    private void readSoon() {
        History current = history;
        if (current == null) {
            ui.asyncExec(() -> say("History unavailable: the history service is not running.", true));
            return;
        }
        if (!readPending.compareAndSet(false, true)) {
            return;
        }
        operations.supply(() -> {
            readPending.set(false);
            return current.calls(LIMIT);
        }).whenComplete((records, failure) -> ui.asyncExec(() -> {
            if (table == null || table.isDisposed()) {
                return;
            }
            if (failure != null) {
                say("Cannot read the history: " + CoreOperations.reason(failure), true);
                return;
            }
            all = records;
            render();
        }));
    }

    private void render() {
        if (table == null || table.isDisposed()) {
            return;
        }
        CallRecord selected = selected();
        shown = CallFilter.values()[Math.max(0, filter.getSelectionIndex())].apply(all, search.text());
        table.setRedraw(false);
        table.removeAll();
        Instant now = Instant.now();
        ZoneId zone = ZoneId.systemDefault();
        for (CallRecord call : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            String arrow = "OUTGOING".equals(call.direction()) ? "\u2197 " : "\u2199 ";
            item.setText(new String[] { arrow + CallFilter.kind(call), CallFilter.who(call),
                    CallFilter.when(call.startedAt(), now, zone), CallFilter.duration(call), call.accountId() });
            // red for calls nobody took; a forwarded call went where it was sent
            if (CallFilter.missed(call) && !"FORWARDED".equals(call.endReason())) {
                item.setForeground(missedColour);
            }
            if (call.equals(selected)) {
                table.setSelection(item);
            }
        }
        table.setRedraw(true);
        if (all.isEmpty()) {
            say("No calls yet.", false);
        } else if (shown.isEmpty()) {
            say("No calls match.", false);
        } else {
            say(shown.size() + (shown.size() == 1 ? " call" : " calls"), false);
        }
        updateButtons();
    }

    private CallRecord selected() {
        int index = table.getSelectionIndex();
        return index < 0 || index >= shown.size() ? null : shown.get(index);
    }

    private void updateButtons() {
        boolean chosen = selected() != null;
        callBack.setEnabled(chosen);
        addContact.setEnabled(chosen);
    }

    private void callBack() {
        CallRecord call = selected();
        CallCommands current = commands;
        if (call == null) {
            return;
        }
        if (current == null) {
            say("Cannot call: the call service is not running.", true);
            return;
        }
        say("Calling " + CallFilter.who(call) + "\u2026", false);
        current.dial(call.accountId(), call.peer()).whenComplete((id, failure) -> ui.asyncExec(() ->
                say(failure == null ? "" : "Could not call " + CallFilter.who(call) + ": " + CoreOperations.reason(failure),
                        failure != null)));
    }

    private void addToContacts() {
        CallRecord call = selected();
        AddressBook current = book;
        if (call == null) {
            return;
        }
        if (current == null) {
            say("Cannot add: the address book is not running.", true);
            return;
        }
        var address = ContactText.parseAddress(call.peer(), AddressKind.SIP, "").stream().toList();
        ContactDialog dialog = new ContactDialog(table.getShell(), call.peerName(), "", address);
        if (dialog.open() != Window.OK) {
            return;
        }
        var entry = dialog.result();
        operations.supply(() -> current.add(entry)).whenComplete((stored, failure) -> ui.asyncExec(() ->
                say(failure == null ? "Added " + stored.displayName() + " to your contacts."
                        : "Could not add the contact: " + CoreOperations.reason(failure), failure != null)));
    }

    private void say(String text, boolean error) {
        if (message != null) {
            message.say(text, error);
        }
    }
}

package dev.switchboard.ui.chats;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.IPartListener;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabFolder2Adapter;
import org.eclipse.swt.custom.CTabFolderEvent;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStates;
import dev.switchboard.core.messaging.FileTransfer;
import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.core.messaging.TransferListener;
import dev.switchboard.history.History;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.SearchField;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;
import dev.switchboard.ui.dialpad.DialChoice;
import dev.switchboard.ui.status.AccountStatus;
import dev.switchboard.ui.status.AccountStatusFeed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Conversations in tabs, 1:1 and rooms: each tab reads the last messages from the history, then shows
 * what arrives; sent messages get a tick when the recipient confirms delivery (protocols with
 * receipts); the partner's typing shows under the transcript and ours is told to them (protocols with
 * chat states); files go out with a progress bar (protocols with file transfer); tabs not being read
 * show their unread count. The Find field searches every stored conversation; a hit opens its tab.
 */
public final class ChatsPart {

    public static final String PART_ID = "dev.switchboard.ui.part.chats";
    public static final String SEARCH_NAME = "Search chat history";
    public static final String RESULTS_NAME = "Messages found";
    private static final int HISTORY_LIMIT = 50;
    private static final int SEARCH_LIMIT = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final UISynchronize ui;
    private final CoreOperations operations;
    private final ChatTracker tracker;
    private final EPartService parts;
    private final MPart self;
    /** While the view is hidden behind Contacts or History, nothing in it is being read. */
    private final IPartListener visibility = new IPartListener() {
        @Override
        public void partVisible(MPart part) {
            if (part == self) {
                reading();
            }
        }

        @Override
        public void partHidden(MPart part) {
            if (part == self) {
                tracker.reading(Optional.empty());
            }
        }

        @Override
        public void partActivated(MPart part) {
            partVisible(part);
        }

        @Override
        public void partBroughtToTop(MPart part) {
            partVisible(part);
        }

        @Override
        public void partDeactivated(MPart part) {
        }
    };
    private final Map<ConversationKey, Tab> tabs = new LinkedHashMap<>();
    private final ChatTracker.Watcher watcher = new ChatTracker.Watcher() {
        @Override
        public void message(ConversationKey conversation, Message message) {
            ui.asyncExec(() -> received(conversation, message));
        }

        @Override
        public void delivered(String accountId, String peer, String messageId) {
            ui.asyncExec(() -> tabs.values().stream().filter(tab -> tab.key.sameAs(accountId, peer))
                    .forEach(tab -> tab.confirm(messageId)));
        }

        @Override
        public void chatState(String accountId, String peer, ChatState state) {
            ui.asyncExec(() -> tabs.values().stream().filter(tab -> tab.key.sameAs(accountId, peer))
                    .forEach(tab -> tab.partnerIs(state)));
        }

        @Override
        public void changed() {
            ui.asyncExec(ChatsPart.this::showUnread);
        }
    };
    private volatile MessagingService messaging;
    private volatile History history;
    private volatile SessionCapabilities sessions;
    private volatile AccountStatusFeed accounts;

    private CTabFolder folder;
    private Label empty;
    private MessageLine message;
    private SearchField search;
    private Table results;
    private List<Message> found = List.of();

    @Inject
    public ChatsPart(UISynchronize ui, @Service CoreOperations operations, @Service ChatTracker tracker,
            EPartService parts, MPart self) {
        this.ui = ui;
        this.operations = operations;
        this.tracker = tracker;
        this.parts = parts;
        this.self = self;
    }

    @Inject
    void useMessaging(@org.eclipse.e4.core.di.annotations.Optional @Service MessagingService service) {
        messaging = service;
    }

    @Inject
    void useHistory(@org.eclipse.e4.core.di.annotations.Optional @Service History service) {
        history = service;
    }

    @Inject
    void useSessions(@org.eclipse.e4.core.di.annotations.Optional @Service SessionCapabilities service) {
        sessions = service;
    }

    @Inject
    void useAccounts(@org.eclipse.e4.core.di.annotations.Optional @Service AccountStatusFeed feed) {
        accounts = feed;
    }

    @PostConstruct
    void createControls(Composite parent) {
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 10;
        layout.marginHeight = 8;
        parent.setLayout(layout);
        Button start = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.chats.new", null);
        start.setText("New chat…");
        start.addListener(SWT.Selection, event -> startChat(false));
        Button join = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.chats.join", null);
        join.setText("Join room…");
        join.addListener(SWT.Selection, event -> startChat(true));
        search = new SearchField(parent, "Search messages", "switchboard.chats.search", SEARCH_NAME, "Search all conversations",
                this::searchHistory);
        search.onEnter(text -> {
            if (results.getItemCount() > 0) {
                results.setSelection(0);
                results.setFocus();
            }
        });
        results = Widgets.name(new Table(parent, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER), "switchboard.chats.results",
                RESULTS_NAME);
        results.setHeaderVisible(true);
        GridData resultsLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        resultsLayout.exclude = true;
        results.setLayoutData(resultsLayout);
        results.setVisible(false);
        resultColumn("When", 110);
        resultColumn("Conversation", 160);
        resultColumn("Message", 320);
        results.addListener(SWT.DefaultSelection, event -> openFound(results.getSelectionIndex()));

        // no accessible name on the folder: SWT would give it to every tab, hiding their own titles
        folder = Widgets.name(new CTabFolder(parent, SWT.BORDER | SWT.CLOSE), "switchboard.chats.tabs", null);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        folder.setSelectionBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        folder.addListener(SWT.Selection, event -> reading());
        folder.addCTabFolder2Listener(new CTabFolder2Adapter() {
            @Override
            public void close(CTabFolderEvent event) {
                tabs.values().removeIf(tab -> {
                    if (tab.item == event.item) {
                        tracker.close(tab.key);
                        return true;
                    }
                    return false;
                });
                ui.asyncExec(ChatsPart.this::reading);
            }
        });
        message = new MessageLine(parent, "switchboard.chats.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        empty = Widgets.name(new Label(folder, SWT.WRAP | SWT.CENTER), "switchboard.chats.empty", null);
        empty.setText("No conversations. Choose Chat on a contact, New chat…, or wait for a message.");
        tracker.addWatcher(watcher);
        parts.addPartListener(visibility);
        for (ConversationKey key : tracker.conversations()) {
            tab(key, key.peer());
        }
        // conversations that began before the view was opened: show the first with unread messages
        tabs.values().stream().filter(tab -> tracker.unread(tab.key) > 0).findFirst()
                .or(() -> tabs.values().stream().findFirst())
                .ifPresent(tab -> folder.setSelection(tab.item));
        reading();
        showUnread();
    }

    @Focus
    void focus() {
        Tab tab = current();
        if (tab != null) {
            tab.input.setFocus();
            reading();
        } else {
            folder.setFocus();
        }
    }

    @PreDestroy
    void dispose() {
        tracker.removeWatcher(watcher);
        parts.removePartListener(visibility);
        tracker.reading(Optional.empty());
    }

    /** Opens (or shows) the conversation with {@code peer} on the account and puts the cursor in its input. */
    public void open(String accountId, String peer, String title) {
        ConversationKey key = tracker.open(accountId, peer, false);
        Tab tab = tab(key, title);
        folder.setSelection(tab.item);
        tab.input.setFocus();
        reading();
    }

    private Tab current() {
        CTabItem item = folder.getSelection();
        return tabs.values().stream().filter(tab -> tab.item == item).findFirst().orElse(null);
    }

    private void reading() {
        if (folder.isDisposed()) {
            return;
        }
        Tab tab = current();
        boolean seen = parts.isPartVisible(self);
        tracker.reading(Optional.ofNullable(tab).filter(each -> seen).map(each -> each.key));
        showEmpty();
    }

    private void received(ConversationKey key, Message received) {
        if (folder.isDisposed()) {
            return;
        }
        Tab tab = tab(key, key.peer());
        tab.add(received);
        if (folder.getSelection() == null) {
            folder.setSelection(tab.item);
            reading();
        }
    }

    private Tab tab(ConversationKey key, String title) {
        Tab existing = tabs.get(key);
        if (existing != null) {
            return existing;
        }
        Tab tab = new Tab(key, title);
        tabs.put(key, tab);
        tab.loadHistory();
        showEmpty();
        return tab;
    }

    private void showUnread() {
        if (folder == null || folder.isDisposed()) {
            return;
        }
        tabs.values().forEach(tab -> tab.showUnread(tracker.unread(tab.key)));
    }

    private void showEmpty() {
        boolean none = tabs.isEmpty();
        empty.setVisible(none);
        if (none) {
            var area = folder.getClientArea();
            empty.setBounds(area.x + 20, area.y + 40, Math.max(100, area.width - 40), 60);
        }
    }

    private void startChat(boolean room) {
        AccountStatusFeed feed = accounts;
        SessionCapabilities capabilities = sessions;
        // a room can be joined only from an account whose session has rooms (not from a SIP account, say)
        List<String> registered = feed == null ? List.of()
                : DialChoice.callable(feed.current()).stream().map(AccountStatus::accountId)
                        .filter(id -> !room || capabilities != null && capabilities.capability(id, GroupChat.class).isPresent())
                        .toList();
        if (registered.isEmpty()) {
            say(room ? "No connected account can join rooms." : "No account is connected.", true);
            return;
        }
        StartChatDialog dialog = new StartChatDialog(folder.getShell(), registered, room);
        if (dialog.open() != Window.OK) {
            return;
        }
        if (!room) {
            open(dialog.accountId(), dialog.address(), dialog.address());
            return;
        }
        SessionCapabilities current = sessions;
        Optional<GroupChat> rooms = current == null ? Optional.empty() : current.capability(dialog.accountId(), GroupChat.class);
        if (rooms.isEmpty()) {
            say("The account " + dialog.accountId() + " cannot join rooms.", true);
            return;
        }
        say("Joining " + dialog.address() + "…", false);
        operations.run(() -> rooms.get().join(dialog.address(), dialog.nickname(), ""))
                .whenComplete((done, failure) -> ui.asyncExec(() -> {
                    if (failure != null) {
                        say("Could not join " + dialog.address() + ": " + CoreOperations.reason(failure), true);
                        return;
                    }
                    say("", false);
                    ConversationKey key = tracker.open(dialog.accountId(), dialog.address(), true);
                    Tab tab = tab(key, dialog.address());
                    folder.setSelection(tab.item);
                    reading();
                    tab.readRoom();
                }));
    }

    private void say(String text, boolean error) {
        message.say(text, error);
    }

    private void resultColumn(String title, int width) {
        TableColumn column = new TableColumn(results, SWT.NONE);
        column.setText(title);
        column.setWidth(width);
    }

    /** Searches the stored conversations; while the field is empty the tabs show instead of the hits. */
    private void searchHistory(String text) {
        boolean searching = !text.isEmpty();
        ((GridData) results.getLayoutData()).exclude = !searching;
        results.setVisible(searching);
        ((GridData) folder.getLayoutData()).exclude = searching;
        folder.setVisible(!searching);
        results.getParent().layout(true);
        if (!searching) {
            found = List.of();
            results.removeAll();
            say("", false);
            return;
        }
        History current = history;
        if (current == null) {
            say("Cannot search: the history service is not running.", true);
            return;
        }
        operations.supply(() -> current.search(text, SEARCH_LIMIT)).whenComplete((hits, failure) -> ui.asyncExec(() -> {
            // a later keystroke has asked again; its answer is the one to show
            if (results.isDisposed() || !text.equals(search.text())) {
                return;
            }
            if (failure != null) {
                say("Search failed: " + CoreOperations.reason(failure), true);
                return;
            }
            showFound(hits);
        }));
    }

    private void showFound(List<Message> hits) {
        found = hits;
        results.setRedraw(false);
        results.removeAll();
        DateTimeFormatter when = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
        ZoneId zone = ZoneId.systemDefault();
        for (Message hit : hits) {
            TableItem item = new TableItem(results, SWT.NONE);
            String who = hit.incoming() ? hit.sender() : "Me";
            item.setText(new String[] { when.format(hit.timestamp().atZone(zone)), hit.peer(), who + ": " + hit.text() });
        }
        results.setRedraw(true);
        say(ChatText.found(hits.size(), SEARCH_LIMIT), false);
    }

    /** Leaves the search for the conversation the chosen hit belongs to. */
    private void openFound(int index) {
        if (index < 0 || index >= found.size()) {
            return;
        }
        Message hit = found.get(index);
        search.control().setText("");
        boolean room = hit.incoming() && !hit.sender().equals(hit.peer());
        ConversationKey key = tracker.open(hit.accountId(), hit.peer(), room);
        Tab tab = tab(key, hit.peer());
        folder.setSelection(tab.item);
        tab.input.setFocus();
        reading();
    }

    /** A conversation's stored messages and which of the sent ones were confirmed delivered. */
    private record HistoryRead(List<Message> messages, Set<String> confirmed) {
    }

    /** One conversation's tab: the transcript and the input line. */
    private final class Tab {

        private final ConversationKey key;
        private final String title;
        private final CTabItem item;
        private final StyledText transcript;
        private final Text input;
        private final Label status;
        private final Label activity;
        private final ProgressBar progress;
        /** Whether the partner was last told that we are typing. */
        private boolean toldComposing;
        private final List<Message> messages = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private final Set<String> delivered = new HashSet<>();

        Tab(ConversationKey key, String title) {
            this.key = key;
            this.title = title;
            item = new CTabItem(folder, SWT.CLOSE);
            item.setText(title);
            item.setToolTipText(key.peer() + " \u00B7 " + key.accountId());
            Composite body = new Composite(folder, SWT.NONE);
            GridLayout layout = new GridLayout(2, false);
            layout.marginWidth = 8;
            layout.marginHeight = 6;
            body.setLayout(layout);
            transcript = Widgets.name(new StyledText(body, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                    "switchboard.chats.transcript", "Conversation with " + title);
            transcript.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
            transcript.setMargins(8, 6, 8, 6);
            transcript.setLineSpacing(3);
            status = new Label(body, SWT.NONE);
            status.setForeground(Widgets.secondaryText(body.getDisplay()));
            status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            status.setText(key.room() ? "Room on " + key.accountId() : key.peer() + " on " + key.accountId());
            // typing and delivery on the right of the status line, apart from the input's name
            activity = Widgets.name(new Label(body, SWT.RIGHT), "switchboard.chats.activity", null);
            activity.setForeground(Widgets.secondaryText(body.getDisplay()));
            GridData activityLayout = new GridData(SWT.FILL, SWT.CENTER, false, false);
            activityLayout.widthHint = 220;
            activity.setLayoutData(activityLayout);
            progress = new ProgressBar(body, SWT.HORIZONTAL | SWT.SMOOTH);
            GridData progressLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
            progressLayout.exclude = true;
            progress.setLayoutData(progressLayout);
            progress.setVisible(false);
            Composite line = new Composite(body, SWT.NONE);
            GridLayout lineLayout = new GridLayout(3, false);
            lineLayout.marginWidth = 0;
            lineLayout.marginHeight = 0;
            line.setLayout(lineLayout);
            line.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            input = Widgets.name(new Text(line, SWT.SINGLE | SWT.BORDER), "switchboard.chats.input", null);
            input.setMessage("Write a message, Enter sends");
            input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Widgets.labelledBy(input, status);
            input.addListener(SWT.DefaultSelection, event -> send());
            input.addListener(SWT.Modify, event -> tellTyping(!input.getText().isBlank()));
            Button send = Widgets.name(new Button(line, SWT.PUSH), "switchboard.chats.send", null);
            send.setText("Send");
            send.addListener(SWT.Selection, event -> send());
            Button file = Widgets.name(new Button(line, SWT.PUSH), "switchboard.chats.file", null);
            file.setText("Send file\u2026");
            file.setEnabled(!key.room());
            file.addListener(SWT.Selection, event -> sendFile());
            item.setControl(body);
        }

        void loadHistory() {
            History current = history;
            if (current == null) {
                return;
            }
            operations.supply(() -> {
                List<Message> earlier = current.conversation(key.accountId(), key.peer(), HISTORY_LIMIT);
                Set<String> confirmed = new HashSet<>();
                for (Message each : earlier) {
                    if (!each.incoming() && current.isDelivered(key.accountId(), key.peer(), each.id())) {
                        confirmed.add(each.id());
                    }
                }
                return new HistoryRead(earlier, confirmed);
            }).whenComplete((loaded, failure) -> ui.asyncExec(() -> {
                if (transcript.isDisposed()) {
                    return;
                }
                if (failure != null) {
                    status.setText("History unavailable: " + CoreOperations.reason(failure));
                    return;
                }
                delivered.addAll(loaded.confirmed());
                List<Message> merged = new ArrayList<>(loaded.messages());
                merged.removeIf(each -> ids.contains(each.id()));
                merged.addAll(messages);
                merged.sort(java.util.Comparator.comparing(Message::timestamp));
                messages.clear();
                messages.addAll(merged);
                merged.forEach(each -> ids.add(each.id()));
                render();
            }));
        }

        void add(Message received) {
            if (ids.add(received.id())) {
                messages.add(received);
                if (received.incoming()) {
                    // the message is what they were typing
                    showActivity("");
                    // the core reports no subject or occupant changes, so a room's line is read again as it talks
                    readRoom();
                }
                render();
            }
        }

        /** Shows a room's subject and occupants in the status line, read on the core worker. */
        void readRoom() {
            SessionCapabilities current = sessions;
            Optional<GroupChat> rooms = !key.room() || current == null ? Optional.empty()
                    : current.capability(key.accountId(), GroupChat.class);
            if (rooms.isEmpty()) {
                return;
            }
            operations.supply(() -> ChatText.room(rooms.get().subject(key.peer()), rooms.get().occupants(key.peer())))
                    .whenComplete((line, failure) -> ui.asyncExec(() -> {
                        if (!status.isDisposed() && failure == null) {
                            status.setText(line);
                            status.requestLayout();
                        }
                    }));
        }

        void confirm(String messageId) {
            if (delivered.add(messageId) && ids.contains(messageId)) {
                showActivity(ChatText.delivered(messages.stream().filter(each -> each.id().equals(messageId)).findFirst()
                        .map(each -> TIME.format(each.timestamp().atZone(ZoneId.systemDefault()))).orElse("")));
                render();
            }
        }

        void partnerIs(ChatState state) {
            if (!key.room()) {
                showActivity(ChatText.partnerState(title, state));
            }
        }

        private void showActivity(String text) {
            if (!activity.isDisposed() && !activity.getText().equals(text)) {
                activity.setText(text);
            }
        }

        /** Tells the partner when we start typing and when the input is empty again; rooms are not told. */
        private void tellTyping(boolean typing) {
            if (key.room() || typing == toldComposing) {
                return;
            }
            toldComposing = typing;
            SessionCapabilities current = sessions;
            Optional<ChatStates> states = current == null ? Optional.empty()
                    : current.capability(key.accountId(), ChatStates.class);
            // a lost typing notice costs the partner nothing but a hint, so a failure only goes to the log
            states.ifPresent(capability -> operations.run(() -> capability.send(key.peer(),
                    typing ? ChatState.COMPOSING : ChatState.ACTIVE)).whenComplete((done, failure) -> {
                        if (failure != null) {
                            System.getLogger(ChatsPart.class.getName()).log(System.Logger.Level.DEBUG,
                                    "typing state not sent: " + CoreOperations.reason(failure));
                        }
                    }));
        }

        private void sendFile() {
            SessionCapabilities current = sessions;
            Optional<FileTransfer> transfer = current == null ? Optional.empty()
                    : current.capability(key.accountId(), FileTransfer.class);
            if (transfer.isEmpty()) {
                showStatusError("Cannot send files on " + key.accountId() + ": it is offline or its server takes no uploads.");
                return;
            }
            FileDialog chooser = new FileDialog(folder.getShell(), SWT.OPEN);
            chooser.setText("Send a file to " + title);
            String chosen = chooser.open();
            if (chosen == null) {
                return;
            }
            java.nio.file.Path file = java.nio.file.Path.of(chosen);
            String name = file.getFileName().toString();
            progress.setSelection(0);
            ((GridData) progress.getLayoutData()).exclude = false;
            progress.setVisible(true);
            progress.requestLayout();
            showActivity("Sending " + name + "\u2026");
            transfer.get().send(key.peer(), file, new TransferListener() {
                @Override
                public void progress(long transferred, long total) {
                    int percent = total <= 0 ? 0 : (int) Math.min(100, transferred * 100 / total);
                    ui.asyncExec(() -> {
                        if (!progress.isDisposed()) {
                            progress.setSelection(percent);
                            showActivity("Sending " + name + " \u2014 " + percent + "%");
                        }
                    });
                }

                @Override
                public void done(java.net.URI link, String sha256) {
                    ui.asyncExec(() -> endTransfer("Sent " + name, false));
                }

                @Override
                public void failed(String reason) {
                    ui.asyncExec(() -> endTransfer(name + " not sent: " + reason, true));
                }
            });
        }

        private void endTransfer(String outcome, boolean failed) {
            if (progress.isDisposed()) {
                return;
            }
            ((GridData) progress.getLayoutData()).exclude = true;
            progress.setVisible(false);
            progress.requestLayout();
            if (failed) {
                showStatusError(outcome);
                showActivity("");
            } else {
                showActivity(outcome);
            }
        }

        private void showStatusError(String text) {
            status.setText(text);
            status.setForeground(Widgets.errorColour(status.getDisplay()));
        }

        void showUnread(int count) {
            String text = count > 0 ? title + " (" + count + ")" : title;
            if (!item.getText().equals(text)) {
                item.setText(text);
                item.setFont(count > 0 ? org.eclipse.jface.resource.JFaceResources.getBannerFont() : null);
            }
        }

        private void render() {
            StringBuilder text = new StringBuilder();
            List<StyleRange> styles = new ArrayList<>();
            ZoneId zone = ZoneId.systemDefault();
            for (Message each : messages) {
                String who = each.incoming() ? (key.room() ? each.sender() : title) : "Me";
                int start = text.length();
                text.append(TIME.format(each.timestamp().atZone(zone))).append("  ");
                StyleRange time = new StyleRange();
                time.start = start;
                time.length = text.length() - start;
                time.foreground = Widgets.secondaryText(transcript.getDisplay());
                styles.add(time);
                int nameStart = text.length();
                text.append(who).append(": ");
                StyleRange name = new StyleRange();
                name.start = nameStart;
                name.length = text.length() - nameStart;
                name.fontStyle = SWT.BOLD;
                name.foreground = each.incoming() ? Widgets.accentText(transcript.getDisplay()) : null;
                styles.add(name);
                text.append(each.text());
                if (!each.incoming() && delivered.contains(each.id())) {
                    text.append("  \u2713");
                }
                text.append('\n');
            }
            transcript.setText(text.toString());
            transcript.setStyleRanges(styles.toArray(StyleRange[]::new));
            transcript.setTopIndex(Math.max(0, transcript.getLineCount() - 1));
        }

        private void send() {
            String text = input.getText().strip();
            MessagingService current = messaging;
            if (text.isEmpty()) {
                return;
            }
            if (current == null) {
                status.setText("Cannot send: the messaging service is not running.");
                return;
            }
            input.setText("");
            // the message itself says we stopped typing
            toldComposing = false;
            operations.supply(() -> current.send(key.accountId(), key.peer(), text))
                    .whenComplete((sent, failure) -> ui.asyncExec(() -> {
                        if (transcript.isDisposed()) {
                            return;
                        }
                        if (failure != null) {
                            status.setText("Not sent: " + CoreOperations.reason(failure));
                            status.setForeground(Widgets.errorColour(status.getDisplay()));
                            input.setText(text);
                            return;
                        }
                        status.setForeground(Widgets.secondaryText(status.getDisplay()));
                        status.setText(key.room() ? "Room on " + key.accountId() : key.peer() + " on " + key.accountId());
                        add(sent);
                    }));
        }
    }
}

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
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.history.History;
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
 * receipts); tabs not being read show their unread count. Typing indicators are not shown: the
 * core's messaging API does not report chat states.
 */
public final class ChatsPart {

    public static final String PART_ID = "dev.switchboard.ui.part.chats";
    private static final int HISTORY_LIMIT = 50;
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
    private Label message;

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
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 10;
        layout.marginHeight = 8;
        parent.setLayout(layout);
        Button start = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.chats.new", null);
        start.setText("New chat…");
        start.addListener(SWT.Selection, event -> startChat(false));
        Button join = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.chats.join", null);
        join.setText("Join room…");
        join.addListener(SWT.Selection, event -> startChat(true));
        message = Widgets.name(new Label(parent, SWT.WRAP), "switchboard.chats.message", null);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        // no accessible name on the folder: SWT would give it to every tab, hiding their own titles
        folder = Widgets.name(new CTabFolder(parent, SWT.BORDER | SWT.CLOSE), "switchboard.chats.tabs", null);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
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
        List<String> registered = feed == null ? List.of()
                : DialChoice.callable(feed.current()).stream().map(AccountStatus::accountId).toList();
        if (registered.isEmpty()) {
            say("No account is connected.", true);
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
                }));
    }

    private void say(String text, boolean error) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(text);
        message.setForeground(error ? Widgets.errorColour(message.getDisplay())
                : message.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        message.requestLayout();
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
            status.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            status.setText(key.room() ? "Room on " + key.accountId() : key.peer() + " on " + key.accountId());
            input = Widgets.name(new Text(body, SWT.SINGLE | SWT.BORDER), "switchboard.chats.input", null);
            input.setMessage("Write a message, Enter sends");
            input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Widgets.labelledBy(input, status);
            input.addListener(SWT.DefaultSelection, event -> send());
            Button send = Widgets.name(new Button(body, SWT.PUSH), "switchboard.chats.send", null);
            send.setText("Send");
            send.addListener(SWT.Selection, event -> send());
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
                render();
            }
        }

        void confirm(String messageId) {
            if (delivered.add(messageId) && ids.contains(messageId)) {
                render();
            }
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
                time.foreground = transcript.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
                styles.add(time);
                int nameStart = text.length();
                text.append(who).append(": ");
                StyleRange name = new StyleRange();
                name.start = nameStart;
                name.length = text.length() - nameStart;
                name.fontStyle = SWT.BOLD;
                name.foreground = each.incoming() ? transcript.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE) : null;
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
                        status.setForeground(status.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
                        status.setText(key.room() ? "Room on " + key.accountId() : key.peer() + " on " + key.accountId());
                        add(sent);
                    }));
        }
    }
}

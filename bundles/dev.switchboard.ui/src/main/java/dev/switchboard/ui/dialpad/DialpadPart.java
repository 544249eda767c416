package dev.switchboard.ui.dialpad;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.contacts.ContactActions;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.FirstPaint;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.calls.CallBoard;
import dev.switchboard.ui.calls.CallCommands;
import dev.switchboard.ui.calls.CallFeed;
import dev.switchboard.ui.calls.CallView;
import dev.switchboard.ui.operations.CoreOperations;
import dev.switchboard.ui.status.AccountStatus;
import dev.switchboard.ui.status.AccountStatusFeed;
import dev.switchboard.ui.status.StatusBoard;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The dialpad: the account to call from (registered accounts only, the last choice remembered), the
 * number or address field (pasted numbers lose their spaces, dashes and brackets; Enter dials), a
 * 12-key keypad that sends tones to the call being talked on and otherwise types, flash, redial and
 * Call. When a call cannot be placed the reason appears in red under the field, never in a dialog.
 */
public final class DialpadPart {

    public static final String PART_ID = "dev.switchboard.ui.part.dialpad";
    public static final String ADDRESS_NAME = "Number or address";
    public static final String ACCOUNT_NAME = "Call from";
    public static final String ERROR_KEY = "switchboard.dialpad.error";
    public static final String SUGGESTIONS_NAME = "Suggestions";
    /** Type-ahead starts with the second character: one letter matches half the book. */
    private static final int SUGGEST_FROM = 2;
    private static final int SUGGESTIONS = 5;

    static final String LAST_ACCOUNT = "dial.account";
    static final String LAST_ADDRESS = "dial.last";
    private static final String[][] KEYS = {
            { "1", "" }, { "2", "ABC" }, { "3", "DEF" },
            { "4", "GHI" }, { "5", "JKL" }, { "6", "MNO" },
            { "7", "PQRS" }, { "8", "TUV" }, { "9", "WXYZ" },
            { "*", "" }, { "0", "+" }, { "#", "" } };

    private final UISynchronize ui;
    private final IEclipsePreferences preferences;
    private final IEclipseContext context;
    private final FirstPaint firstPaint;
    /** Asks for one render for any burst of feed notices. */
    private final Runnable watcher;
    private volatile AccountStatusFeed accounts;
    private volatile CallFeed calls;
    private volatile CallCommands commands;
    private volatile ContactDirectory directory;
    private volatile ContactActions contactActions;
    private ContactDirectory.TypeAhead typeAhead;
    private List<Suggestion> suggested = List.of();
    private boolean filling;
    /** Counts dials and picks: a lookup started before one of them is answered too late to show. */
    private int suggestionRound;

    private Combo accountChoice;
    private org.eclipse.swt.widgets.List suggestions;
    /** {@code null} until the first render, so that it fills the choice even with nothing to offer. */
    private List<AccountStatus> accountsShown;
    private Text address;
    private MessageLine message;
    private Button flash;
    private Button redial;
    private Button call;

    @Inject
    public DialpadPart(UISynchronize ui, @Preference(nodePath = "dev.switchboard.ui") IEclipsePreferences preferences,
            IEclipseContext context, @org.eclipse.e4.core.di.annotations.Optional FirstPaint firstPaint) {
        this.ui = ui;
        this.watcher = new CoalescedRender(ui, this::render);
        this.preferences = preferences;
        this.context = context;
        this.firstPaint = firstPaint;
    }

    @Inject
    synchronized void useAccounts(@org.eclipse.e4.core.di.annotations.Optional @Service AccountStatusFeed feed) {
        if (accounts != null) {
            accounts.removeWatcher(watcher);
        }
        accounts = feed;
        if (feed != null) {
            feed.addWatcher(watcher);
        }
        watcher.run();
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
        watcher.run();
    }

    @Inject
    void useCommands(@org.eclipse.e4.core.di.annotations.Optional @Service CallCommands newCommands) {
        commands = newCommands;
    }

    /**
     * The contact services, injected after the window's first paint ({@link FirstPaint}): type-ahead needs them
     * only from the second typed character, and their first use activates the contact sources and queries the
     * store on the UI thread.
     */
    private final class ContactServices {

        @Inject
        void useDirectory(@org.eclipse.e4.core.di.annotations.Optional @Service ContactDirectory newDirectory) {
            synchronized (DialpadPart.this) {
                if (typeAhead != null) {
                    typeAhead.close();
                    typeAhead = null;
                }
                directory = newDirectory;
            }
        }

        @Inject
        void useContactActions(@org.eclipse.e4.core.di.annotations.Optional @Service ContactActions newActions) {
            contactActions = newActions;
        }
    }

    /** A contact or past peer offered while typing, with what dialling it means. */
    private record Suggestion(String text, String dialString, String accountId) {
    }

    @PostConstruct
    void createControls(Composite parent) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        Font large = resources.create(FontDescriptor.createFrom(parent.getFont()).increaseHeight(5));
        Font keyFont = resources.create(FontDescriptor.createFrom(parent.getFont()).increaseHeight(4).setStyle(SWT.BOLD));
        GridLayout layout = new GridLayout(3, true);
        layout.marginWidth = 16;
        layout.marginHeight = 12;
        layout.horizontalSpacing = 8;
        layout.verticalSpacing = 6;
        parent.setLayout(layout);

        Label from = new Label(parent, SWT.NONE);
        from.setText(ACCOUNT_NAME);
        from.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        accountChoice = Widgets.name(new Combo(parent, SWT.READ_ONLY), "switchboard.dialpad.account", ACCOUNT_NAME);
        accountChoice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        Widgets.labelledBy(accountChoice, from);
        accountChoice.addListener(SWT.Selection, event -> rememberAccount());

        Label to = new Label(parent, SWT.NONE);
        to.setText(ADDRESS_NAME);
        GridData toLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        toLayout.verticalIndent = 6;
        to.setLayoutData(toLayout);
        address = Widgets.name(new Text(parent, SWT.SINGLE | SWT.BORDER | SWT.SEARCH), "switchboard.dialpad.address",
                ADDRESS_NAME);
        Widgets.labelledBy(address, to);
        address.setMessage("e.g. +44 20 7946 0018 or sip:bob@example.org");
        address.setFont(large);
        address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        // a pasted number loses its spaces, dashes and brackets; typing is left alone
        address.addListener(SWT.Verify, event -> {
            if (event.text.length() > 1) {
                event.text = AddressInput.normalise(event.text);
            }
        });
        address.addListener(SWT.DefaultSelection, event -> dial());
        address.addListener(SWT.Modify, event -> {
            showMessage("", false);
            if (!filling) {
                suggest(address.getText().strip());
            }
        });
        address.addListener(SWT.KeyDown, event -> {
            if (event.keyCode == SWT.ARROW_DOWN && suggestions.isVisible()) {
                suggestions.setFocus();
                suggestions.select(0);
                event.doit = false;
            } else if (event.keyCode == SWT.ESC) {
                showSuggestions(List.of());
            }
        });

        suggestions = Widgets.name(new org.eclipse.swt.widgets.List(parent, SWT.SINGLE | SWT.BORDER),
                "switchboard.dialpad.suggestions", SUGGESTIONS_NAME);
        GridData suggestionsLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        suggestionsLayout.exclude = true;
        suggestions.setLayoutData(suggestionsLayout);
        suggestions.setVisible(false);
        suggestions.addListener(SWT.DefaultSelection, event -> pickSuggestion());
        suggestions.addListener(SWT.MouseUp, event -> pickSuggestion());

        message = new MessageLine(parent, ERROR_KEY);
        GridData messageLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        messageLayout.widthHint = 200;
        message.control().setLayoutData(messageLayout);

        for (String[] key : KEYS) {
            Button button = new Button(parent, SWT.PUSH);
            button.setText(key[0]);
            if (!key[1].isEmpty()) {
                button.setToolTipText(key[1]);
            }
            button.setFont(keyFont);
            Widgets.name(button, "switchboard.dialpad.key." + key[0], keyName(key[0]));
            GridData keyLayout = new GridData(SWT.FILL, SWT.FILL, true, false);
            keyLayout.heightHint = 40;
            button.setLayoutData(keyLayout);
            button.addListener(SWT.Selection, event -> press(key[0]));
        }

        flash = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.dialpad.flash", null);
        flash.setText("Flash");
        flash.setToolTipText("Send a hook flash on the current call");
        flash.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        flash.addListener(SWT.Selection, event -> sendFlash());
        redial = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.dialpad.redial", null);
        redial.setText("Redial");
        redial.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        redial.addListener(SWT.Selection, event -> {
            address.setText(preferences.get(LAST_ADDRESS, ""));
            dial();
        });

        call = Widgets.name(new Button(parent, SWT.PUSH), "switchboard.dialpad.call", null);
        call.setText("Call");
        call.setFont(keyFont);
        GridData callLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        callLayout.heightHint = 42;
        callLayout.verticalIndent = 6;
        call.setLayoutData(callLayout);
        call.addListener(SWT.Selection, event -> dial());
        parent.getShell().setDefaultButton(null);
        render();
        FirstPaint.injectLater(firstPaint, context, new ContactServices(), address);
    }

    @Focus
    void focus() {
        address.setFocus();
    }

    @PreDestroy
    void dispose() {
        synchronized (this) {
            if (typeAhead != null) {
                typeAhead.close();
                typeAhead = null;
            }
        }
        AccountStatusFeed accountFeed = accounts;
        if (accountFeed != null) {
            accountFeed.removeWatcher(watcher);
        }
        CallFeed callFeed = calls;
        if (callFeed != null) {
            callFeed.removeWatcher(watcher);
        }
    }

    private static String keyName(String key) {
        return switch (key) {
            case "*" -> "Star";
            case "#" -> "Hash";
            default -> key;
        };
    }

    private StatusBoard accountBoard() {
        AccountStatusFeed feed = accounts;
        return feed == null ? StatusBoard.NOTHING_RUNNING : feed.current();
    }

    private CallBoard callBoard() {
        CallFeed feed = calls;
        return feed == null ? CallBoard.NOTHING_RUNNING : feed.current();
    }

    private void render() {
        if (address == null || address.isDisposed()) {
            return;
        }
        StatusBoard board = accountBoard();
        List<AccountStatus> callable = DialChoice.callable(board);
        if (!callable.equals(accountsShown)) {
            accountsShown = callable;
            accountChoice.removeAll();
            if (callable.isEmpty()) {
                accountChoice.add("No registered account");
                accountChoice.select(0);
                accountChoice.setEnabled(false);
            } else {
                callable.forEach(account -> accountChoice.add(label(account)));
                AccountStatus preferred = DialChoice.preferred(board, preferences.get(LAST_ACCOUNT, "")).orElseThrow();
                accountChoice.select(callable.indexOf(preferred));
                accountChoice.setEnabled(true);
            }
        }
        Optional<CallView> talking = callBoard().talking();
        flash.setEnabled(talking.filter(view -> view.offers(CallView.Feature.HOOK_FLASH)).isPresent());
        redial.setEnabled(!preferences.get(LAST_ADDRESS, "").isEmpty());
    }

    private static String label(AccountStatus account) {
        return account.displayName().equals(account.accountId())
                ? account.accountId()
                : account.displayName() + " (" + account.accountId() + ")";
    }

    private void rememberAccount() {
        int index = accountChoice.getSelectionIndex();
        if (accountsShown != null && index >= 0 && index < accountsShown.size()) {
            remember(LAST_ACCOUNT, accountsShown.get(index).accountId());
        }
    }

    /**
     * Looks the typed text up in the contacts and the history (the merged directory serves both);
     * each keystroke cancels the previous lookup, so only the latest text's answer is shown.
     */
    private void suggest(String text) {
        if (text.length() < SUGGEST_FROM || callBoard().talking().isPresent()) {
            showSuggestions(List.of());
            return;
        }
        ContactDirectory.TypeAhead session;
        synchronized (this) {
            ContactDirectory current = directory;
            if (current == null) {
                return;
            }
            if (typeAhead == null) {
                typeAhead = current.typeAhead(SUGGESTIONS);
            }
            session = typeAhead;
        }
        ContactActions actions = contactActions;
        int round = suggestionRound;
        session.update(text).thenApply(found -> suggestions(found, actions)).whenComplete((list, failure) -> {
            if (failure == null) {
                ui.asyncExec(() -> {
                    if (!address.isDisposed() && round == suggestionRound && address.getText().strip().equals(text)) {
                        showSuggestions(list);
                    }
                });
            }
        });
    }

    private static List<Suggestion> suggestions(MergedSearch found, ContactActions actions) {
        List<Suggestion> result = new java.util.ArrayList<>();
        for (MergedContact contact : found.contacts()) {
            var routes = actions == null ? List.<ContactActions.Route>of() : actions.routes(contact, ContactActions.Intent.CALL);
            if (!routes.isEmpty()) {
                var route = routes.getFirst();
                result.add(new Suggestion(contact.displayName() + "  \u2014  " + route.address().value(), route.dialString(),
                        route.accountId()));
            } else {
                contact.addresses().stream()
                        .filter(each -> each.kind() != dev.switchboard.core.contacts.AddressKind.EMAIL
                                && each.kind() != dev.switchboard.core.contacts.AddressKind.XMPP)
                        .findFirst()
                        .ifPresent(each -> result.add(new Suggestion(contact.displayName() + "  \u2014  " + each.value(),
                                each.value(), "")));
            }
        }
        return result;
    }

    private void showSuggestions(List<Suggestion> list) {
        if (list.isEmpty()) {
            suggestionRound++;
        }
        suggested = list;
        suggestions.setItems(list.stream().map(Suggestion::text).toArray(String[]::new));
        boolean visible = !list.isEmpty();
        if (suggestions.isVisible() != visible) {
            ((GridData) suggestions.getLayoutData()).exclude = !visible;
            suggestions.setVisible(visible);
            suggestions.requestLayout();
        }
    }

    private void pickSuggestion() {
        int index = suggestions.getSelectionIndex();
        if (index < 0 || index >= suggested.size()) {
            return;
        }
        Suggestion picked = suggested.get(index);
        filling = true;
        try {
            address.setText(picked.dialString());
        } finally {
            filling = false;
        }
        address.setSelection(picked.dialString().length());
        if (accountsShown != null) {
            for (int i = 0; i < accountsShown.size(); i++) {
                if (accountsShown.get(i).accountId().equals(picked.accountId())) {
                    accountChoice.select(i);
                }
            }
        }
        showSuggestions(List.of());
        address.setFocus();
    }

    /** A key sends its tone to the call being talked on, if that call takes tones; otherwise it types. */
    private void press(String key) {
        Optional<CallView> talking = callBoard().talking().filter(view -> view.offers(CallView.Feature.DTMF));
        CallCommands current = commands;
        if (talking.isPresent() && current != null) {
            showMessage("Sent " + key, false);
            report(current.sendTones(talking.get(), key), "Could not send the tone");
            return;
        }
        address.insert(key);
        address.setFocus();
    }

    private void sendFlash() {
        CallCommands current = commands;
        Optional<CallView> talking = callBoard().talking();
        if (current != null && talking.isPresent()) {
            report(current.flash(talking.get()), "Could not flash");
        }
    }

    private void dial() {
        String target = AddressInput.normalise(address.getText());
        if (!target.equals(address.getText())) {
            filling = true;
            try {
                address.setText(target);
            } finally {
                filling = false;
            }
            address.setSelection(target.length());
        }
        Optional<String> problem = AddressInput.problem(target);
        if (problem.isPresent()) {
            showMessage(problem.get(), true);
            return;
        }
        StatusBoard board = accountBoard();
        int index = accountChoice.getSelectionIndex();
        if (accountsShown == null || accountsShown.isEmpty() || index < 0 || index >= accountsShown.size()) {
            showMessage(DialChoice.whyNoAccount(board), true);
            return;
        }
        CallCommands current = commands;
        if (current == null) {
            showMessage("Cannot call: the call service is not running.", true);
            return;
        }
        String accountId = accountsShown.get(index).accountId();
        showSuggestions(List.of());
        remember(LAST_ADDRESS, target);
        remember(LAST_ACCOUNT, accountId);
        showMessage("Calling " + target + "\u2026", false);
        current.dial(accountId, target).whenComplete((callId, failure) -> ui.asyncExec(() -> {
            if (failure != null) {
                showMessage("Could not call " + target + ": " + CoreOperations.reason(failure), true);
            } else {
                showMessage("", false);
            }
            render();
        }));
    }

    private void report(java.util.concurrent.CompletableFuture<?> operation, String what) {
        operation.whenComplete((done, failure) -> {
            if (failure != null) {
                ui.asyncExec(() -> showMessage(what + ": " + CoreOperations.reason(failure), true));
            }
        });
    }

    private void remember(String key, String value) {
        preferences.put(key, value);
        try {
            preferences.flush();
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            // the choice still holds for this run; only its memory across restarts is lost
            System.getLogger(DialpadPart.class.getName()).log(System.Logger.Level.WARNING,
                    "could not save the dialpad's last choice: " + e.getMessage());
        }
    }

    private void showMessage(String text, boolean error) {
        message.say(text, error);
    }
}

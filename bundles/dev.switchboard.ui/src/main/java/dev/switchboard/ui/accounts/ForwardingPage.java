package dev.switchboard.ui.accounts;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Settings › Forwarding: per account, where calls go always, when busy and when not answered (after
 * how many seconds), and whether a second call may ring (call waiting); Do not disturb for every
 * account, the same switch as My status. Apply stores the account's rules ({@link ForwardingForm});
 * the core applies them to the next call.
 */
public final class ForwardingPage extends PreferencePage {

    private final AccountRegistry registry;
    private final PresenceService presence;
    private final CoreOperations operations;
    /** Told when Do not disturb was switched here, so the rest of the window follows. */
    private final Consumer<Availability> availabilityChanged;
    private List<Account> accounts = List.of();
    private Combo account;
    private Text always;
    private Text busy;
    private Text noAnswer;
    private Spinner delay;
    private Button callWaiting;
    private Button doNotDisturb;
    private MessageLine message;

    public ForwardingPage(AccountRegistry registry, PresenceService presence, CoreOperations operations,
            Consumer<Availability> availabilityChanged) {
        super("Forwarding");
        this.registry = registry;
        this.presence = presence;
        this.operations = operations;
        this.availabilityChanged = availabilityChanged;
        setDescription("Where calls go when you cannot take them. Leave a field empty for no forwarding.");
        noDefaultButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 0;
        page.setLayout(layout);
        Label accountLabel = new Label(page, SWT.NONE);
        accountLabel.setText("Account");
        account = Widgets.name(new Combo(page, SWT.READ_ONLY), "switchboard.forwarding.account", null);
        account.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Widgets.labelledBy(account, accountLabel);
        always = field(page, "Forward every call to", "switchboard.forwarding.always", "e.g. 1003 or sip:desk@example.org");
        busy = field(page, "When busy, forward to", "switchboard.forwarding.busy", "e.g. your mailbox");
        noAnswer = field(page, "When not answered, forward to", "switchboard.forwarding.noanswer", "e.g. your mobile number");
        Label after = new Label(page, SWT.NONE);
        after.setText("after");
        delay = Widgets.name(new Spinner(page, SWT.BORDER), "switchboard.forwarding.delay", null);
        delay.setValues(20, ForwardingForm.MIN_DELAY, ForwardingForm.MAX_DELAY, 0, 5, 10);
        Widgets.labelledBy(delay, after);
        Label seconds = new Label(page, SWT.NONE);
        seconds.setText("seconds of ringing");
        callWaiting = Widgets.name(new Button(page, SWT.CHECK), "switchboard.forwarding.callwaiting", null);
        callWaiting.setText("Call waiting: a second call rings while I am on a call");
        callWaiting.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        Label separator = new Label(page, SWT.SEPARATOR | SWT.HORIZONTAL);
        separator.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        doNotDisturb = Widgets.name(new Button(page, SWT.CHECK), "switchboard.forwarding.dnd", null);
        doNotDisturb.setText("Do not disturb: decline every call on every account (also under My status)");
        doNotDisturb.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        doNotDisturb.setEnabled(presence != null);
        doNotDisturb.setSelection(presence != null && presence.own().availability() == Availability.DO_NOT_DISTURB);
        message = new MessageLine(page, "switchboard.forwarding.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        accounts = registry.accounts().stream()
                .sorted(java.util.Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
        for (Account each : accounts) {
            account.add(each.displayName().equals(each.id()) ? each.id() : each.displayName() + " (" + each.id() + ")");
        }
        account.addListener(SWT.Selection, event -> show());
        if (!accounts.isEmpty()) {
            account.select(0);
        }
        show();
        return page;
    }

    private static Text field(Composite page, String caption, String key, String hint) {
        Label label = new Label(page, SWT.NONE);
        label.setText(caption);
        Text text = Widgets.name(new Text(page, SWT.SINGLE | SWT.BORDER), key, null);
        text.setMessage(hint);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        layout.widthHint = 260;
        text.setLayoutData(layout);
        Widgets.labelledBy(text, label);
        return text;
    }

    private Optional<Account> chosen() {
        int index = account.getSelectionIndex();
        return index < 0 || index >= accounts.size() ? Optional.empty() : Optional.of(accounts.get(index));
    }

    private void show() {
        Optional<Account> current = chosen();
        for (Control each : new Control[] { always, busy, noAnswer, delay, callWaiting }) {
            each.setEnabled(current.isPresent());
        }
        if (current.isEmpty()) {
            message.say("No accounts yet: add one under Accounts.", false);
            return;
        }
        ForwardingForm form = ForwardingForm.of(current.get());
        always.setText(form.always());
        busy.setText(form.busy());
        noAnswer.setText(form.noAnswer());
        delay.setSelection(Math.clamp(form.delaySeconds(), ForwardingForm.MIN_DELAY, ForwardingForm.MAX_DELAY));
        callWaiting.setSelection(form.callWaiting());
        message.say("", false);
    }

    @Override
    public boolean performOk() {
        return apply();
    }

    @Override
    protected void performApply() {
        apply();
    }

    private boolean apply() {
        if (message == null) {
            // never shown: nothing was changed
            return true;
        }
        if (presence != null) {
            boolean wanted = doNotDisturb.getSelection();
            Presence own = presence.own();
            if (wanted != (own.availability() == Availability.DO_NOT_DISTURB)) {
                Availability next = wanted ? Availability.DO_NOT_DISTURB : Availability.AVAILABLE;
                operations.run(() -> presence.setOwn(new Presence(next, own.note())))
                        .thenRun(() -> availabilityChanged.accept(next));
            }
        }
        Optional<Account> current = chosen();
        if (current.isEmpty()) {
            return true;
        }
        ForwardingForm form = new ForwardingForm(always.getText(), busy.getText(), noAnswer.getText(), delay.getSelection(),
                callWaiting.getSelection());
        Optional<String> problem = form.problem();
        if (problem.isPresent()) {
            message.say(problem.get(), true);
            return false;
        }
        Account changed = current.get().with(form.settings());
        // storing re-registers the account with the core: not on the UI thread
        org.eclipse.swt.widgets.Display display = message.control().getDisplay();
        operations.run(() -> registry.put(changed, null)).whenComplete((done, failure) -> display
                .asyncExec(() -> message.say(failure == null ? "Saved the forwarding of " + changed.displayName() + "."
                        : "Could not save: " + CoreOperations.reason(failure), failure != null)));
        accounts = accounts.stream().map(each -> each.id().equals(changed.id()) ? changed : each).toList();
        return true;
    }
}

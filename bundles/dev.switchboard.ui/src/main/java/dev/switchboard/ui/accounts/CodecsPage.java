package dev.switchboard.ui.accounts;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Settings › Codecs: per account whose protocol takes a codec list (its form has a {@code codecs}
 * field: SIP, IAX2, H.323), the installed codecs in the order offered, each ticked to offer it; Up and
 * Down reorder. Apply stores the account's {@code codecs} setting ({@link CodecOrder}); the account
 * re-registers with it.
 */
public final class CodecsPage extends PreferencePage {

    private final AccountRegistry registry;
    private final ProtocolCatalog catalog;
    private final CodecRegistry codecs;
    private final CoreOperations operations;
    private List<Account> accounts = List.of();
    private List<CodecOrder.Row> rows = List.of();
    private Combo account;
    private Table table;
    private MessageLine message;

    public CodecsPage(AccountRegistry registry, ProtocolCatalog catalog, CodecRegistry codecs, CoreOperations operations) {
        super("Codecs");
        this.registry = registry;
        this.catalog = catalog;
        this.codecs = codecs;
        this.operations = operations;
        setDescription("The codecs each account offers, most wanted first. Tick to offer; Up and Down reorder.");
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
        account = Widgets.name(new Combo(page, SWT.READ_ONLY), "switchboard.codecs.account", null);
        account.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Widgets.labelledBy(account, accountLabel);
        table = Widgets.name(new Table(page, SWT.BORDER | SWT.SINGLE | SWT.CHECK | SWT.FULL_SELECTION),
                "switchboard.codecs.table", "Codecs");
        GridData tableLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        tableLayout.heightHint = 160;
        table.setLayoutData(tableLayout);
        Composite buttons = new Composite(page, SWT.NONE);
        buttons.setLayout(new GridLayout());
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "Up", "switchboard.codecs.up").addListener(SWT.Selection, event -> move(-1));
        button(buttons, "Down", "switchboard.codecs.down").addListener(SWT.Selection, event -> move(1));
        table.addListener(SWT.Selection, event -> {
            if (event.detail == SWT.CHECK) {
                readTicks();
            }
        });
        message = new MessageLine(page, "switchboard.codecs.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        Set<String> withCodecs = catalog.providers().stream()
                .filter(provider -> provider.settingFields().stream().anyMatch(field -> CodecOrder.SETTING.equals(field.key())))
                .map(provider -> provider.protocol()).collect(Collectors.toSet());
        accounts = registry.accounts().stream().filter(each -> withCodecs.contains(each.protocol()))
                .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER)).toList();
        accounts.forEach(each -> account.add(each.displayName().equals(each.id()) ? each.id()
                : each.displayName() + " (" + each.id() + ")"));
        account.addListener(SWT.Selection, event -> show());
        if (!accounts.isEmpty()) {
            account.select(0);
        }
        show();
        return page;
    }

    private static Button button(Composite parent, String text, String key) {
        Button button = Widgets.name(new Button(parent, SWT.PUSH), key, null);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return button;
    }

    private Optional<Account> chosen() {
        int index = account.getSelectionIndex();
        return index < 0 || index >= accounts.size() ? Optional.empty() : Optional.of(accounts.get(index));
    }

    private List<String> installed() {
        return codecs == null ? List.of()
                : codecs.codecs().stream().map(AudioCodec::info).map(info -> info.encodingName()).distinct().toList();
    }

    private void show() {
        Optional<Account> current = chosen();
        if (current.isEmpty()) {
            rows = List.of();
            fill(-1);
            message.say("No account here takes a codec list (SIP, IAX2, H.323).", false);
            return;
        }
        if (codecs == null) {
            message.say("The media engine is not running: no codecs to order.", true);
        }
        rows = CodecOrder.rows(current.get().setting(CodecOrder.SETTING).orElse(""), installed());
        fill(-1);
        message.say("", false);
    }

    private void fill(int selected) {
        table.removeAll();
        for (CodecOrder.Row row : rows) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(row.name());
            item.setChecked(row.offered());
        }
        if (selected >= 0) {
            table.setSelection(selected);
        }
    }

    private void readTicks() {
        TableItem[] items = table.getItems();
        rows = java.util.stream.IntStream.range(0, rows.size())
                .mapToObj(index -> new CodecOrder.Row(rows.get(index).name(), items[index].getChecked())).toList();
    }

    private void move(int by) {
        readTicks();
        int index = table.getSelectionIndex();
        List<CodecOrder.Row> moved = CodecOrder.move(rows, index, by);
        if (moved != rows) {
            rows = moved;
            fill(index + by);
        }
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
        if (message == null || chosen().isEmpty() || rows.isEmpty()) {
            return true;
        }
        readTicks();
        String setting;
        try {
            setting = CodecOrder.setting(rows);
        } catch (IllegalArgumentException e) {
            message.say(e.getMessage(), true);
            return false;
        }
        Account current = chosen().get();
        if (setting.equals(current.setting(CodecOrder.SETTING).orElse(""))) {
            return true;
        }
        Account changed = current.with(java.util.Map.of(CodecOrder.SETTING, setting));
        Display display = table.getDisplay();
        // storing re-registers the account with the core: not on the UI thread
        operations.run(() -> registry.put(changed, null)).whenComplete((done, failure) -> display.asyncExec(() ->
                message.say(failure == null ? "Saved: " + changed.displayName() + " offers " + setting + "."
                        : "Could not save: " + CoreOperations.reason(failure), failure != null)));
        accounts = accounts.stream().map(each -> each.id().equals(changed.id()) ? changed : each).toList();
        return true;
    }
}

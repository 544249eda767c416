package dev.switchboard.ui.accounts;

import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;
import dev.switchboard.ui.status.StatusText;

/**
 * Settings › Accounts: every account with its protocol and registration state; Add, Edit and
 * Remove. Changes are stored at once (the core re-registers an edited account), so the page has no
 * Apply.
 */
public final class AccountsPage extends PreferencePage {

    private final ProtocolCatalog catalog;
    private final AccountRegistry registry;
    private final RegistrationManager registrations;
    private final CoreOperations operations;
    private Table table;
    private List<Account> shown = List.of();
    private Button edit;
    private Button remove;

    public AccountsPage(ProtocolCatalog catalog, AccountRegistry registry, RegistrationManager registrations,
            CoreOperations operations) {
        super("Accounts");
        this.catalog = catalog;
        this.registry = registry;
        this.registrations = registrations;
        this.operations = operations;
        setDescription("Your accounts. Each registers with its server when connected.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        page.setLayout(layout);
        table = Widgets.name(new Table(page, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "switchboard.accounts.table",
                "Accounts");
        table.setHeaderVisible(true);
        GridData tableLayout = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableLayout.heightHint = 220;
        tableLayout.widthHint = 420;
        table.setLayoutData(tableLayout);
        for (String[] column : new String[][] { { "Account", "170" }, { "Protocol", "80" }, { "State", "170" } }) {
            TableColumn tableColumn = new TableColumn(table, SWT.NONE);
            tableColumn.setText(column[0]);
            tableColumn.setWidth(Integer.parseInt(column[1]));
        }
        Composite buttons = new Composite(page, SWT.NONE);
        buttons.setLayout(new GridLayout());
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        button(buttons, "&Add\u2026", "switchboard.accounts.add").addListener(SWT.Selection, event -> openWizard(Optional.empty()));
        edit = button(buttons, "&Edit\u2026", "switchboard.accounts.edit");
        edit.addListener(SWT.Selection, event -> selected().ifPresent(account -> openWizard(Optional.of(account))));
        remove = button(buttons, "&Remove", "switchboard.accounts.remove");
        remove.addListener(SWT.Selection, event -> selected().ifPresent(this::remove));
        table.addListener(SWT.Selection, event -> enableButtons());
        table.addListener(SWT.DefaultSelection, event -> selected().ifPresent(account -> openWizard(Optional.of(account))));
        fill();
        return page;
    }

    private static Button button(Composite parent, String text, String key) {
        Button button = Widgets.name(new Button(parent, SWT.PUSH), key, null);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return button;
    }

    private Optional<Account> selected() {
        int index = table.getSelectionIndex();
        return index < 0 || index >= shown.size() ? Optional.empty() : Optional.of(shown.get(index));
    }

    private void enableButtons() {
        boolean any = selected().isPresent();
        edit.setEnabled(any);
        remove.setEnabled(any);
    }

    private void fill() {
        shown = registry.accounts();
        table.removeAll();
        for (Account account : shown) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { account.displayName().equals(account.id()) ? account.id()
                    : account.displayName() + " (" + account.id() + ")", account.protocol(),
                    registrations == null ? "" : StatusText.state(registrations.state(account.id())) });
        }
        enableButtons();
    }

    private void openWizard(Optional<Account> account) {
        AccountWizard wizard = new AccountWizard(catalog.providers(), registry, registrations, operations, account, false);
        if (new WizardDialog(getShell(), wizard).open() == Window.OK) {
            fill();
        }
    }

    private void remove(Account account) {
        if (MessageDialog.openQuestion(getShell(), "Remove account",
                "Remove " + account.displayName() + " and its stored password?")) {
            registry.remove(account.id());
            fill();
        }
    }
}

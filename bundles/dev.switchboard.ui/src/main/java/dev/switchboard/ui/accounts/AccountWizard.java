package dev.switchboard.ui.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.SettingField;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Adds an account (or edits one): the protocol, chosen among the installed plug-ins, then a form
 * built from the protocol's {@link SettingField}s. Finish checks the form, asks the provider to
 * {@link ProtocolProvider#validate validate} the account, stores it (the password into secure
 * storage) and starts registering it; every problem is shown in the wizard's message line.
 */
public final class AccountWizard extends Wizard {

    public static final String TITLE = "Add an account";

    private final List<ProtocolProvider> providers;
    private final AccountRegistry registry;
    private final RegistrationManager registrations;
    private final CoreOperations operations;
    private final Optional<Account> existing;
    private final boolean firstStart;
    private FormPage page;

    public AccountWizard(List<ProtocolProvider> providers, AccountRegistry registry, RegistrationManager registrations,
            CoreOperations operations, Optional<Account> existing, boolean firstStart) {
        this.providers = existing.map(account -> providers.stream()
                .filter(provider -> provider.protocol().equals(account.protocol())).toList()).orElse(providers);
        this.registry = registry;
        this.registrations = registrations;
        this.operations = operations;
        this.existing = existing;
        this.firstStart = firstStart;
        setWindowTitle(existing.isPresent() ? "Edit account" : TITLE);
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        page = new FormPage();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        Optional<AccountForm.Entry> entry = page.read();
        if (entry.isEmpty()) {
            return false;
        }
        Account account = entry.get().account();
        ProtocolProvider provider = page.provider();
        try {
            provider.validate(account);
        } catch (IllegalArgumentException invalid) {
            page.setErrorMessage(invalid.getMessage());
            return false;
        }
        if (existing.isEmpty() && registry.account(account.id()).isPresent()) {
            page.setErrorMessage("There is already an account called " + account.id() + ".");
            return false;
        }
        char[] secret = entry.get().secret().orElse(existing.isPresent() ? null : new char[0]);
        try {
            registry.put(account, secret);
        } catch (RuntimeException failed) {
            page.setErrorMessage("Could not save the account: " + CoreOperations.reason(failed));
            return false;
        } finally {
            if (secret != null) {
                java.util.Arrays.fill(secret, '\0');
            }
        }
        if (existing.isEmpty() && registrations != null) {
            // the outcome shows in the status area like any registration
            operations.run(() -> registrations.register(account.id()));
        }
        return true;
    }

    private final class FormPage extends WizardPage {

        private Combo protocol;
        private Text id;
        private Composite fieldsArea;
        private final Map<String, Control> inputs = new HashMap<>();
        private Text freeLines;
        private List<SettingField> fields = List.of();
        /** No problem is shown before the user has typed anything. */
        private boolean touched;

        FormPage() {
            super("account");
            setTitle(firstStart ? "Welcome to Switchboard" : existing.isPresent() ? "Edit account" : TITLE);
            setDescription(firstStart
                    ? "You have no account yet. Add the account your provider or administrator gave you."
                    : "Enter the account's details; Finish saves it and connects.");
        }

        ProtocolProvider provider() {
            return providers.get(Math.max(0, protocol.getSelectionIndex()));
        }

        @Override
        public void createControl(Composite parent) {
            Composite form = new Composite(parent, SWT.NONE);
            GridLayout layout = new GridLayout(2, false);
            layout.horizontalSpacing = 10;
            layout.verticalSpacing = 8;
            form.setLayout(layout);
            setControl(form);
            if (providers.isEmpty()) {
                Label none = Widgets.name(new Label(form, SWT.WRAP), "switchboard.account.noprotocols", null);
                none.setText("No protocol plug-in is installed, so there is nothing to add an account for yet. "
                        + "Install the SIP or XMPP plug-in and open Switchboard \u203A Accounts\u2026 again.");
                GridData noneLayout = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
                noneLayout.widthHint = 420;
                none.setLayoutData(noneLayout);
                setPageComplete(false);
                return;
            }
            label(form, "Protocol");
            protocol = Widgets.name(new Combo(form, SWT.READ_ONLY), "switchboard.account.protocol", "Protocol");
            providers.forEach(provider -> protocol.add(provider.label()));
            protocol.select(0);
            protocol.setEnabled(existing.isEmpty());
            protocol.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            protocol.addListener(SWT.Selection, event -> showFields());
            label(form, "Account name");
            id = Widgets.name(new Text(form, SWT.SINGLE | SWT.BORDER), "switchboard.account.id", "Account name");
            id.setMessage("e.g. work");
            id.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            existing.ifPresent(account -> {
                id.setText(account.id());
                id.setEditable(false);
            });
            id.addListener(SWT.Modify, event -> check());
            fieldsArea = new Composite(form, SWT.NONE);
            GridLayout fieldsLayout = new GridLayout(2, false);
            fieldsLayout.marginWidth = 0;
            fieldsLayout.horizontalSpacing = 10;
            fieldsArea.setLayout(fieldsLayout);
            fieldsArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
            showFields();
        }

        private void label(Composite parent, String text) {
            Label label = new Label(parent, SWT.NONE);
            label.setText(text);
        }

        private void showFields() {
            for (Control old : fieldsArea.getChildren()) {
                old.dispose();
            }
            inputs.clear();
            freeLines = null;
            List<SettingField> described = provider().settingFields();
            fields = AccountForm.fields(described);
            Map<String, String> current = existing.map(Account::settings).orElse(Map.of());
            for (SettingField field : fields) {
                label(fieldsArea, field.label() + (field.required() ? " *" : ""));
                String value = current.getOrDefault(field.key(), field.defaultValue());
                Control input = switch (field.kind()) {
                    case FLAG -> {
                        Button flag = new Button(fieldsArea, SWT.CHECK);
                        flag.setSelection(Boolean.parseBoolean(value));
                        flag.addListener(SWT.Selection, event -> check());
                        yield flag;
                    }
                    case CHOICE -> {
                        Combo choice = new Combo(fieldsArea, SWT.READ_ONLY);
                        field.choices().forEach(choice::add);
                        choice.select(Math.max(0, field.choices().indexOf(value)));
                        yield choice;
                    }
                    default -> {
                        Text text = new Text(fieldsArea, SWT.SINGLE | SWT.BORDER
                                | (field.kind() == SettingField.Kind.SECRET ? SWT.PASSWORD : SWT.NONE));
                        text.setText(field.kind() == SettingField.Kind.SECRET ? "" : value);
                        text.setMessage(field.kind() == SettingField.Kind.SECRET && existing.isPresent()
                                ? "unchanged" : field.hint());
                        text.addListener(SWT.Modify, event -> check());
                        yield text;
                    }
                };
                Widgets.name(input, "switchboard.account.field." + field.key(), field.label());
                input.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
                inputs.put(field.key(), input);
            }
            if (AccountForm.freeSettings(described)) {
                Label title = new Label(fieldsArea, SWT.NONE);
                title.setText("Other settings");
                title.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false));
                freeLines = Widgets.name(new Text(fieldsArea, SWT.MULTI | SWT.BORDER | SWT.V_SCROLL),
                        "switchboard.account.settings", "Other settings");
                freeLines.setText(existing.map(account -> AccountForm.freeLinesOf(account, fields)).orElse(""));
                freeLines.setMessage("one key=value per line, e.g. user=alice");
                GridData linesLayout = new GridData(SWT.FILL, SWT.FILL, true, true);
                linesLayout.heightHint = 90;
                freeLines.setLayoutData(linesLayout);
                freeLines.addListener(SWT.Modify, event -> check());
            }
            fieldsArea.getParent().layout(true, true);
            touched = false;
            check();
            touched = false;
        }

        Optional<AccountForm.Entry> read() {
            Map<String, String> values = new HashMap<>();
            inputs.forEach((key, control) -> values.put(key, switch (control) {
                case Button flag -> Boolean.toString(flag.getSelection());
                case Combo choice -> choice.getText();
                case Text text -> text.getText();
                default -> "";
            }));
            AccountForm.Result<AccountForm.Entry> result = AccountForm.read(id.getText(), provider().protocol(), fields,
                    values, freeLines == null ? "" : freeLines.getText(), existing);
            setErrorMessage(result.problem().isEmpty() ? null : result.problem());
            return result.value();
        }

        private void check() {
            if (id != null) {
                setPageComplete(read().isPresent());
                if (!touched) {
                    setErrorMessage(null);
                }
                touched = true;
            }
        }
    }
}

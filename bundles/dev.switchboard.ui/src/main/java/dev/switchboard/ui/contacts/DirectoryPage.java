package dev.switchboard.ui.contacts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;

/**
 * Settings › Directories: the company directories (LDAP) searched with the contacts, the dialpad's
 * type-ahead and the caller identification. A list, and under it the chosen directory's server,
 * search base, bind DN, password and security; Save stores it ({@link LdapDirectories#put}: the
 * password to secure storage, left empty to keep the stored one), Remove deletes it.
 */
public final class DirectoryPage extends PreferencePage {

    private static final List<String> SECURITY = List.of("none", "starttls", "ldaps");

    private final LdapDirectories directories;
    private List<LdapDirectoryConfig> shown = List.of();
    private Table table;
    private Text id;
    private Text name;
    private Text url;
    private Text base;
    private Text bindDn;
    private Text password;
    private Combo security;
    private Button remove;
    private MessageLine message;

    public DirectoryPage(LdapDirectories directories) {
        super("Directories");
        this.directories = directories;
        setDescription("Company directories (LDAP), searched with your contacts and to name callers.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        page.setLayout(layout);
        table = Widgets.name(new Table(page, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION), "switchboard.directories.table",
                "Directories");
        table.setHeaderVisible(true);
        GridData tableLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        tableLayout.heightHint = 90;
        table.setLayoutData(tableLayout);
        for (String[] column : new String[][] { { "Directory", "130" }, { "Server", "170" }, { "Search base", "170" } }) {
            TableColumn each = new TableColumn(table, SWT.NONE);
            each.setText(column[0]);
            each.setWidth(Integer.parseInt(column[1]));
        }
        table.addListener(SWT.Selection, event -> showSelected());
        id = field(page, "Id", "switchboard.directories.id", "e.g. corp");
        name = field(page, "Name", "switchboard.directories.name", "shown as the contacts' source, e.g. Company");
        url = field(page, "Server", "switchboard.directories.url", "ldap://host:389 or ldaps://host:636");
        base = field(page, "Search base", "switchboard.directories.base", "e.g. ou=people,dc=example,dc=com");
        bindDn = field(page, "Bind DN", "switchboard.directories.binddn", "empty to search anonymously");
        password = field(page, "Password", "switchboard.directories.password", "empty keeps the stored one");
        password.setEchoChar('\u2022');
        Label securityLabel = new Label(page, SWT.NONE);
        securityLabel.setText("Security");
        security = Widgets.name(new Combo(page, SWT.READ_ONLY), "switchboard.directories.security", null);
        List.of("None", "StartTLS", "LDAPS (TLS from the start)").forEach(security::add);
        Widgets.labelledBy(security, securityLabel);

        Composite buttons = new Composite(page, SWT.NONE);
        GridLayout buttonsLayout = new GridLayout(3, true);
        buttonsLayout.marginWidth = 0;
        buttons.setLayout(buttonsLayout);
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false, 2, 1));
        button(buttons, "New", "switchboard.directories.new").addListener(SWT.Selection, event -> clear());
        remove = button(buttons, "Remove", "switchboard.directories.remove");
        remove.addListener(SWT.Selection, event -> remove());
        button(buttons, "Save directory", "switchboard.directories.save").addListener(SWT.Selection, event -> save());
        message = new MessageLine(page, "switchboard.directories.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        fill(Optional.empty());
        return page;
    }

    private static Text field(Composite page, String caption, String key, String hint) {
        Label label = new Label(page, SWT.NONE);
        label.setText(caption);
        Text text = Widgets.name(new Text(page, SWT.SINGLE | SWT.BORDER), key, null);
        text.setMessage(hint);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 300;
        text.setLayoutData(layout);
        Widgets.labelledBy(text, label);
        return text;
    }

    private static Button button(Composite parent, String text, String key) {
        Button button = Widgets.name(new Button(parent, SWT.PUSH), key, null);
        button.setText(text);
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return button;
    }

    private void fill(Optional<String> select) {
        shown = directories.directories();
        table.removeAll();
        for (LdapDirectoryConfig each : shown) {
            new TableItem(table, SWT.NONE).setText(new String[] { each.name(), each.url(), each.baseDn() });
        }
        int index = select.map(wanted -> shown.stream().map(LdapDirectoryConfig::id).toList().indexOf(wanted)).orElse(-1);
        if (index >= 0) {
            table.setSelection(index);
            showSelected();
        } else {
            clear();
        }
    }

    private Optional<LdapDirectoryConfig> selected() {
        int index = table.getSelectionIndex();
        return index < 0 || index >= shown.size() ? Optional.empty() : Optional.of(shown.get(index));
    }

    private void showSelected() {
        selected().ifPresent(config -> {
            id.setText(config.id());
            id.setEditable(false);
            name.setText(config.name());
            url.setText(config.url());
            base.setText(config.baseDn());
            bindDn.setText(config.bindDn());
            password.setText("");
            security.select(SECURITY.indexOf(config.security().name().toLowerCase(java.util.Locale.ROOT)));
            remove.setEnabled(true);
            message.say("", false);
        });
    }

    private void clear() {
        table.deselectAll();
        for (Text each : new Text[] { id, name, url, base, bindDn, password }) {
            each.setText("");
        }
        id.setEditable(true);
        security.select(0);
        remove.setEnabled(false);
        message.say(shown.isEmpty() ? "No directories yet: fill in the form and save." : "", false);
    }

    private void save() {
        Map<String, String> existing = selected().map(LdapDirectoryConfig::toSettings).orElse(Map.of());
        LdapDirectoryConfig config;
        try {
            config = DirectoryForm.read(id.getText(), existing, name.getText(), url.getText(), base.getText(),
                    bindDn.getText(), SECURITY.get(Math.max(0, security.getSelectionIndex())));
        } catch (IllegalArgumentException e) {
            message.say(e.getMessage(), true);
            return;
        }
        char[] secret = password.getText().isEmpty() ? null : password.getText().toCharArray();
        directories.put(config, secret);
        fill(Optional.of(config.id()));
        message.say("Saved " + config.name() + "; it is searched from now on.", false);
    }

    private void remove() {
        selected().ifPresent(config -> {
            directories.remove(config.id());
            fill(Optional.empty());
            message.say("Removed " + config.name() + ".", false);
        });
    }
}

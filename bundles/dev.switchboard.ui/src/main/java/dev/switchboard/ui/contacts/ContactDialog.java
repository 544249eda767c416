package dev.switchboard.ui.contacts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.contacts.BookEntry;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.ui.Widgets;

/**
 * The address-book form: name, organisation, any number of addresses (kind, value, label), groups,
 * notes and favourite. OK stays disabled until the contact has a name.
 */
public final class ContactDialog extends Dialog {

    private final String id;
    private final String initialName;
    private final String initialOrganisation;
    private final List<ContactAddress> initialAddresses;
    private final String initialNotes;
    private final Set<String> initialGroups;
    private final boolean initialFavourite;
    private final List<AddressRow> rows = new ArrayList<>();

    private Text name;
    private Text organisation;
    private Composite addressBox;
    private Text groups;
    private Text notes;
    private Button favourite;
    private BookEntry result;

    /** Edits an existing entry. */
    public ContactDialog(Shell parent, BookEntry entry) {
        super(parent);
        id = entry.id();
        initialName = entry.displayName();
        initialOrganisation = entry.organisation();
        initialAddresses = entry.addresses();
        initialNotes = entry.notes();
        initialGroups = entry.groups();
        initialFavourite = entry.favourite();
    }

    /** A new entry, prefilled (from the directory, history, ...) or blank. */
    public ContactDialog(Shell parent, String displayName, String organisation, List<ContactAddress> addresses) {
        super(parent);
        id = "";
        initialName = displayName;
        initialOrganisation = organisation;
        initialAddresses = addresses;
        initialNotes = "";
        initialGroups = Set.of();
        initialFavourite = false;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(id.isEmpty() ? "New contact" : "Edit contact");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 14;
        layout.marginHeight = 12;
        area.setLayout(layout);
        name = field(area, "Name", initialName, "switchboard.contact.name");
        name.addListener(SWT.Modify, event -> updateOk());
        organisation = field(area, "Organisation", initialOrganisation, "switchboard.contact.organisation");

        Label addressesLabel = new Label(area, SWT.NONE);
        addressesLabel.setText("Addresses");
        addressesLabel.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false));
        addressBox = new Composite(area, SWT.NONE);
        GridLayout boxLayout = new GridLayout(3, false);
        boxLayout.marginWidth = 0;
        boxLayout.marginHeight = 0;
        addressBox.setLayout(boxLayout);
        addressBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        initialAddresses.forEach(this::addRow);
        addRow(new ContactAddress(AddressKind.TEL, "", ""));
        new Label(area, SWT.NONE);
        Button another = Widgets.name(new Button(area, SWT.PUSH), "switchboard.contact.another", null);
        another.setText("Another address");
        another.addListener(SWT.Selection, event -> {
            addRow(new ContactAddress(AddressKind.TEL, "", ""));
            getShell().pack();
        });

        groups = field(area, "Groups", String.join(", ", initialGroups), "switchboard.contact.groups");
        groups.setMessage("comma separated, e.g. Team, Suppliers");
        notes = field(area, "Notes", initialNotes, "switchboard.contact.notes");
        new Label(area, SWT.NONE);
        favourite = Widgets.name(new Button(area, SWT.CHECK), "switchboard.contact.favourite", null);
        favourite.setText("Favourite (listed first)");
        favourite.setSelection(initialFavourite);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText("Save");
        updateOk();
    }

    private Text field(Composite area, String label, String value, String key) {
        Label title = new Label(area, SWT.NONE);
        title.setText(label);
        Text input = Widgets.name(new Text(area, SWT.SINGLE | SWT.BORDER), key, null);
        input.setText(value);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 360;
        input.setLayoutData(layout);
        Widgets.labelledBy(input, title);
        return input;
    }

    private void addRow(ContactAddress address) {
        Combo kind = new Combo(addressBox, SWT.READ_ONLY);
        Arrays.stream(AddressKind.values()).forEach(each -> kind.add(ContactText.kind(each)));
        kind.select(address.kind().ordinal());
        Text value = new Text(addressBox, SWT.SINGLE | SWT.BORDER);
        value.setText(address.value());
        value.setMessage("+44 20 7946 0018, sip:bob@example.org, …");
        GridData valueLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        valueLayout.widthHint = 220;
        value.setLayoutData(valueLayout);
        Text label = new Text(addressBox, SWT.SINGLE | SWT.BORDER);
        label.setText(address.label());
        label.setMessage("work, mobile…");
        GridData labelLayout = new GridData(SWT.FILL, SWT.CENTER, false, false);
        labelLayout.widthHint = 90;
        label.setLayoutData(labelLayout);
        int index = rows.size();
        value.setData(Widgets.WIDGET_KEY, "switchboard.contact.address." + index);
        kind.getAccessible().addRelation(org.eclipse.swt.accessibility.ACC.RELATION_LABELLED_BY, value.getAccessible());
        rows.add(new AddressRow(kind, value, label));
    }

    private void updateOk() {
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!name.getText().isBlank());
        }
    }

    @Override
    protected void okPressed() {
        List<ContactAddress> addresses = new ArrayList<>();
        for (AddressRow row : rows) {
            ContactText.parseAddress(row.value().getText(), AddressKind.values()[Math.max(0, row.kind().getSelectionIndex())],
                    row.label().getText()).ifPresent(addresses::add);
        }
        Set<String> groupNames = new LinkedHashSet<>();
        for (String group : groups.getText().split(",")) {
            if (!group.isBlank()) {
                groupNames.add(group.strip());
            }
        }
        result = new BookEntry(id, name.getText().strip(), organisation.getText().strip(), addresses,
                notes.getText().strip(), groupNames, favourite.getSelection());
        super.okPressed();
    }

    public BookEntry result() {
        return result;
    }

    private record AddressRow(Combo kind, Text value, Text label) {
    }
}

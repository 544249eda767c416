package dev.switchboard.ui.chats;

import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.ui.Widgets;

/** Asks for the account and the address (a person, or a room and the nickname to use in it). */
final class StartChatDialog extends Dialog {

    private final List<String> accounts;
    private final boolean room;
    private Combo accountChoice;
    private Text addressInput;
    private Text nicknameInput;
    private String accountId = "";
    private String address = "";
    private String nickname = "";

    StartChatDialog(Shell parent, List<String> accounts, boolean room) {
        super(parent);
        this.accounts = accounts;
        this.room = room;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(room ? "Join a room" : "New chat");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 14;
        layout.marginHeight = 12;
        area.setLayout(layout);
        Label from = new Label(area, SWT.NONE);
        from.setText("Account");
        accountChoice = Widgets.name(new Combo(area, SWT.READ_ONLY), "switchboard.chat.account", null);
        accounts.forEach(accountChoice::add);
        accountChoice.select(0);
        Widgets.labelledBy(accountChoice, from);
        Label to = new Label(area, SWT.NONE);
        to.setText(room ? "Room" : "Address");
        addressInput = Widgets.name(new Text(area, SWT.SINGLE | SWT.BORDER), "switchboard.chat.address", null);
        addressInput.setMessage(room ? "team@conference.example.org" : "bob@example.org");
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 300;
        addressInput.setLayoutData(wide);
        Widgets.labelledBy(addressInput, to);
        addressInput.addListener(SWT.Modify, event -> updateOk());
        if (room) {
            Label nick = new Label(area, SWT.NONE);
            nick.setText("Nickname");
            nicknameInput = Widgets.name(new Text(area, SWT.SINGLE | SWT.BORDER), "switchboard.chat.nickname", null);
            nicknameInput.setText(System.getProperty("user.name", "me"));
            nicknameInput.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Widgets.labelledBy(nicknameInput, nick);
            nicknameInput.addListener(SWT.Modify, event -> updateOk());
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        getButton(IDialogConstants.OK_ID).setText(room ? "Join" : "Open");
        updateOk();
    }

    private void updateOk() {
        var ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(!addressInput.getText().isBlank() && (nicknameInput == null || !nicknameInput.getText().isBlank()));
        }
    }

    @Override
    protected void okPressed() {
        accountId = accounts.get(Math.max(0, accountChoice.getSelectionIndex()));
        address = addressInput.getText().strip();
        nickname = nicknameInput == null ? "" : nicknameInput.getText().strip();
        super.okPressed();
    }

    String accountId() {
        return accountId;
    }

    String address() {
        return address;
    }

    String nickname() {
        return nickname;
    }
}

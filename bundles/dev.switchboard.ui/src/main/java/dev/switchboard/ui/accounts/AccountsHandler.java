package dev.switchboard.ui.accounts;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.bindings.keys.KeyBindingDispatcher;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.widgets.Shell;

import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.AudioLoopTest;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.media.session.TonePlayer;
import dev.switchboard.ui.UiTopics;
import dev.switchboard.ui.calls.GlobalShortcuts;
import dev.switchboard.ui.contacts.DirectoryPage;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.inject.Named;

/**
 * Switchboard › Accounts…: the settings dialog, a JFace preference dialog: Accounts, Forwarding,
 * Audio, Codecs, Appearance, Directories (when the LDAP plug-in runs); later pages join it as further nodes.
 */
public final class AccountsHandler {

    @CanExecute
    boolean canExecute(@Optional @Service AccountRegistry registry, @Optional @Service ProtocolCatalog catalog) {
        return registry != null && catalog != null;
    }

    @Execute
    void execute(@Named("activeShell") Shell shell, @Service AccountRegistry registry, @Service ProtocolCatalog catalog,
            @Optional @Service RegistrationManager registrations, @Optional @Service PresenceService presence,
            @Service CoreOperations operations, IEventBroker events, @Optional @Service AudioDevices devices,
            @Optional @Service TonePlayer tones, @Optional @Service AudioLoopTest loopTest,
            @Optional @Service LdapDirectories directories, @Optional @Service CodecRegistry codecs,
            @Optional @Service GlobalShortcuts shortcuts,
            @Optional KeyBindingDispatcher keyBindings,
            @Preference(nodePath = "dev.switchboard.ui") IEclipsePreferences preferences) {
        PreferenceManager pages = new PreferenceManager();
        pages.addToRoot(new PreferenceNode("accounts", new AccountsPage(catalog, registry, registrations, operations)));
        pages.addToRoot(new PreferenceNode("forwarding", new ForwardingPage(registry, presence, operations,
                availability -> events.post(UiTopics.AVAILABILITY, availability))));
        pages.addToRoot(new PreferenceNode("audio", new AudioPage(devices, tones, loopTest, preferences, operations,
                registry, catalog)));
        pages.addToRoot(new PreferenceNode("codecs", new CodecsPage(registry, catalog, codecs, operations)));
        pages.addToRoot(new PreferenceNode("appearance", new AppearancePage(preferences, shortcuts, keyBindings)));
        if (directories != null) {
            pages.addToRoot(new PreferenceNode("directories", new DirectoryPage(directories)));
        }
        PreferenceDialog dialog = new PreferenceDialog(shell, pages) {
            @Override
            protected void createButtonsForButtonBar(org.eclipse.swt.widgets.Composite parent) {
                // every change is stored when made, so there is nothing to apply or cancel
                createButton(parent, org.eclipse.jface.dialogs.IDialogConstants.OK_ID, "Close", true);
            }

            @Override
            public void updateButtons() {
                // the dialog's own OK button was never made; Close stands in for it
                org.eclipse.swt.widgets.Button close = getButton(org.eclipse.jface.dialogs.IDialogConstants.OK_ID);
                if (close != null) {
                    close.setEnabled(isCurrentPageValid());
                }
            }
        };
        dialog.create();
        dialog.getShell().setText("Settings");
        dialog.open();
    }
}

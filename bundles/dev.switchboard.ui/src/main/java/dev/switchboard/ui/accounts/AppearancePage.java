package dev.switchboard.ui.accounts;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.prefs.BackingStoreException;

import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Theme;
import dev.switchboard.ui.ThemeSwitch;
import dev.switchboard.ui.Widgets;

/**
 * Settings › Appearance: follow the system's theme, or light, or dark. A choice applies at once
 * ({@link ThemeSwitch}) and is stored in the UI's instance preferences for the next start. Below
 * it, whether the call shortcuts work from other applications too (and why not, when they do not).
 */
public final class AppearancePage extends PreferencePage {

    private final IEclipsePreferences preferences;
    private final String shortcutsStatus;
    private MessageLine message;

    public AppearancePage(IEclipsePreferences preferences, String shortcutsStatus) {
        super("Appearance");
        this.preferences = preferences;
        this.shortcutsStatus = shortcutsStatus;
        setDescription("Light or dark window. Follow the system uses the desktop's GTK theme.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(1, false));
        Theme stored = Theme.fromPreference(preferences.get(Theme.PREFERENCE_KEY, ""));
        for (Theme theme : Theme.values()) {
            Button choice = Widgets.name(new Button(body, SWT.RADIO), "switchboard.appearance." + theme.name().toLowerCase(),
                    null);
            choice.setText(theme.label());
            choice.setSelection(theme == stored);
            choice.addListener(SWT.Selection, event -> {
                if (choice.getSelection()) {
                    choose(theme);
                }
            });
        }
        message = new MessageLine(body, "switchboard.appearance.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Label shortcuts = Widgets.name(new Label(body, SWT.WRAP), "switchboard.appearance.shortcuts", null);
        shortcuts.setText(shortcutsStatus);
        shortcuts.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return body;
    }

    private void choose(Theme theme) {
        boolean dark = ThemeSwitch.apply(getShell().getDisplay(), theme);
        preferences.put(Theme.PREFERENCE_KEY, theme.name());
        try {
            preferences.flush();
            message.say((dark ? "Dark" : "Light") + " window; kept for the next start.", false);
        } catch (BackingStoreException e) {
            message.say("Applied, but not stored for the next start: " + e.getMessage(), true);
        }
    }
}

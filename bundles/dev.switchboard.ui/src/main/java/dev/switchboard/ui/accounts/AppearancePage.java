package dev.switchboard.ui.accounts;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.ui.bindings.keys.KeyBindingDispatcher;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;

import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Theme;
import dev.switchboard.ui.ThemeSwitch;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.calls.GlobalShortcuts;
import dev.switchboard.ui.calls.ShortcutAction;
import dev.switchboard.ui.calls.ShortcutKey;
import dev.switchboard.ui.calls.ShortcutSet;

/**
 * Settings › Appearance: follow the system's theme, or light, or dark. A choice applies at once
 * ({@link ThemeSwitch}) and is stored in the UI's instance preferences for the next start. Below
 * it, the call shortcuts: a field per action where the user presses the new combination, stored in
 * the same preferences and applied at once (the window's bindings and the system-wide grabs follow
 * the stored keys), and whether they work from other applications too (and why not, when they do not).
 */
public final class AppearancePage extends PreferencePage {

    private static final String CAPTURE_HINT = "Press the new keys for ";

    private final IEclipsePreferences preferences;
    private final GlobalShortcuts shortcuts;
    private final KeyBindingDispatcher keyBindings;
    private final Map<ShortcutAction, Text> fields = new EnumMap<>(ShortcutAction.class);
    private final Map<ShortcutAction, MessageLine> fieldMessages = new EnumMap<>(ShortcutAction.class);
    private MessageLine message;
    private Label shortcutsStatus;
    /** Whether a shortcut field has the focus, so that the grabs and the window's bindings are held off. */
    private boolean capturing;

    /**
     * {@code shortcuts} (the system-wide grabs) and {@code keyBindings} (the window's key dispatcher)
     * may be null when they do not run; the keys are stored either way.
     */
    public AppearancePage(IEclipsePreferences preferences, GlobalShortcuts shortcuts, KeyBindingDispatcher keyBindings) {
        super("Appearance");
        this.preferences = preferences;
        this.shortcuts = shortcuts;
        this.keyBindings = keyBindings;
        setDescription("Light or dark window, and the keys that answer, hang up and mute."
                + " Follow the system uses the desktop's GTK theme.");
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
        createShortcuts(body);
        // another window taking the keyboard ends a capture: the user is back to using the shortcuts
        org.eclipse.swt.widgets.Shell shell = parent.getShell();
        org.eclipse.swt.widgets.Listener deactivated = event -> endCapture();
        shell.addListener(SWT.Deactivate, deactivated);
        body.addListener(SWT.Dispose, event -> {
            if (!shell.isDisposed()) {
                shell.removeListener(SWT.Deactivate, deactivated);
            }
            endCapture();
        });
        return body;
    }

    private void createShortcuts(Composite body) {
        Label heading = new Label(body, SWT.NONE);
        heading.setText("Call shortcuts (click a field, then press the new keys)");
        GridData headingLayout = new GridData(SWT.FILL, SWT.TOP, true, false);
        headingLayout.verticalIndent = 12;
        heading.setLayoutData(headingLayout);
        Composite grid = new Composite(body, SWT.NONE);
        grid.setLayout(new GridLayout(3, false));
        grid.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        ShortcutSet keys = storedKeys();
        for (ShortcutAction action : ShortcutAction.values()) {
            String key = "switchboard.shortcut." + action.name().toLowerCase();
            Label label = new Label(grid, SWT.NONE);
            label.setText(action.label());
            Text field = Widgets.name(new Text(grid, SWT.BORDER | SWT.SINGLE | SWT.READ_ONLY), key, null);
            Widgets.labelledBy(field, label);
            field.setText(keys.key(action).text());
            GridData fieldLayout = new GridData(SWT.LEFT, SWT.CENTER, false, false);
            fieldLayout.widthHint = 150;
            field.setLayoutData(fieldLayout);
            field.addListener(SWT.KeyDown, event -> typed(action, event));
            field.addListener(SWT.FocusIn, event -> beginCapture(action));
            MessageLine fieldMessage = new MessageLine(grid, key + ".message");
            field.addListener(SWT.FocusOut, event -> {
                if (fieldMessage.control().getText().startsWith(CAPTURE_HINT)) {
                    fieldMessage.say("", false);
                }
                field.getDisplay().asyncExec(this::endCaptureUnlessInAField);
            });
            fieldMessage.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            fields.put(action, field);
            fieldMessages.put(action, fieldMessage);
        }
        Button restore = Widgets.name(new Button(body, SWT.PUSH), "switchboard.shortcut.restore", null);
        restore.setText("Restore defaults");
        restore.addListener(SWT.Selection, event -> restoreDefaults());
        shortcutsStatus = Widgets.name(new Label(body, SWT.WRAP), "switchboard.appearance.shortcuts", null);
        shortcutsStatus.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        showGrabs();
    }

    /** A key pressed in {@code action}'s field: a complete combination is checked, stored and applied. */
    private void typed(ShortcutAction action, Event event) {
        if (event.keyCode == SWT.TAB && (event.stateMask & SWT.MODIFIER_MASK & ~SWT.SHIFT) == 0) {
            return;
        }
        // the field shows the stored key only; nothing typed goes into it
        event.doit = false;
        ShortcutKey.Typed typed = ShortcutKey.fromSwt(event.stateMask, event.keyCode);
        MessageLine fieldMessage = fieldMessages.get(action);
        if (typed.pending()) {
            return;
        }
        if (typed.problem() != null) {
            fieldMessage.say(typed.problem(), true);
            return;
        }
        ShortcutKey key = typed.shortcut();
        Optional<String> clash = storedKeys().problem(action, key);
        if (clash.isPresent()) {
            fieldMessage.say(clash.get(), true);
            return;
        }
        // the system-wide grabs and the window's bindings follow the stored keys (preference listeners)
        preferences.put(action.preferenceKey(), key.text());
        // applied from here on, stored or not
        fields.get(action).setText(key.text());
        if (!flush(fieldMessage)) {
            return;
        }
        Optional<String> owned = shortcuts == null ? Optional.empty() : shortcuts.ownedElsewhere(key);
        fieldMessage.say(owned.map(reason -> key.text() + ": " + reason + ", so it works only inside Switchboard.")
                .orElse("Saved: " + key.text() + " " + action.verb() + "."), owned.isPresent());
    }

    private void restoreDefaults() {
        for (ShortcutAction action : ShortcutAction.values()) {
            preferences.remove(action.preferenceKey());
        }
        if (!flush(message)) {
            return;
        }
        ShortcutSet keys = storedKeys();
        for (ShortcutAction action : ShortcutAction.values()) {
            fields.get(action).setText(keys.key(action).text());
            fieldMessages.get(action).say("", false);
        }
        message.say("Restored the default shortcuts: " + keys.describe() + ".", false);
        showGrabs();
    }

    private boolean flush(MessageLine where) {
        try {
            preferences.flush();
            return true;
        } catch (BackingStoreException e) {
            where.say("Applied, but not stored for the next start: " + e.getMessage(), true);
            return false;
        }
    }

    private ShortcutSet storedKeys() {
        return ShortcutSet.stored(key -> preferences.get(key, null));
    }

    /**
     * While a shortcut field has the focus, the keys pressed must reach it: the system-wide grabs
     * would take them first (X gives a grabbed key to the grabbing client only), then the window's
     * dispatcher (a display filter) would run the call command instead.
     */
    private void beginCapture(ShortcutAction action) {
        if (!capturing) {
            capturing = true;
            if (shortcuts != null) {
                shortcuts.suspend();
            }
            if (keyBindings != null) {
                keyBindings.getKeyDownFilter().setEnabled(false);
            }
        }
        // said once the keys are free to reach the field
        fieldMessages.get(action).say(CAPTURE_HINT + action.label() + ".", false);
        if (shortcuts != null && !shortcutsStatus.isDisposed()) {
            shortcutsStatus.setText("System-wide shortcuts are paused while a field above waits for keys.");
        }
    }

    private void endCaptureUnlessInAField() {
        Control focus = getControl() == null || getControl().isDisposed() ? null : getControl().getDisplay().getFocusControl();
        if (!fields.containsValue(focus)) {
            endCapture();
        }
    }

    private void endCapture() {
        if (!capturing) {
            return;
        }
        capturing = false;
        if (keyBindings != null) {
            keyBindings.getKeyDownFilter().setEnabled(true);
        }
        if (shortcuts != null) {
            shortcuts.resume();
        }
        showGrabs();
    }

    /** The system-wide status below the fields, and next to each field its key's refusal, if any. */
    private void showGrabs() {
        if (shortcutsStatus == null || shortcutsStatus.isDisposed()) {
            return;
        }
        shortcutsStatus.setText(shortcuts == null ? "System-wide shortcuts are not running." : shortcuts.status());
        shortcutsStatus.requestLayout();
        if (shortcuts != null && !capturing) {
            for (ShortcutAction action : ShortcutAction.values()) {
                shortcuts.refusal(action).ifPresent(reason -> fieldMessages.get(action).say(reason, true));
            }
        }
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

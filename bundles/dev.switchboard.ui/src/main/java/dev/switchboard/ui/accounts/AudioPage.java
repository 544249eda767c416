package dev.switchboard.ui.accounts;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;
import dev.switchboard.media.session.TonePlayer;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.calls.Ringer;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Settings › Audio: the ringer device (where the ringtone plays, e.g. the laptop's speaker while
 * calls are taken on a headset), with a button that plays the ringtone on it until pressed again.
 * Stored in the UI's instance preferences ({@link Ringer#RINGER_DEVICE}).
 */
public final class AudioPage extends PreferencePage {

    private static final String DEFAULT_DEVICE = "Default device";

    private final AudioDevices devices;
    private final TonePlayer tones;
    private final IEclipsePreferences preferences;
    private final CoreOperations operations;
    private final List<String> ids = new ArrayList<>();
    private Combo ringer;
    private Button test;
    private MessageLine message;
    /** The test ringtone while it plays; touched on the UI thread only. */
    private ToneHandle testing;

    public AudioPage(AudioDevices devices, TonePlayer tones, IEclipsePreferences preferences, CoreOperations operations) {
        super("Audio");
        this.devices = devices;
        this.tones = tones;
        this.preferences = preferences;
        this.operations = operations;
        setDescription("Where the ringtone plays. Each account names its microphone and speaker devices in its settings.");
        noDefaultButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 0;
        page.setLayout(layout);
        Label caption = new Label(page, SWT.NONE);
        caption.setText("Ringer");
        ringer = Widgets.name(new Combo(page, SWT.READ_ONLY), "switchboard.audio.ringer", null);
        GridData ringerLayout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        ringerLayout.widthHint = 260;
        ringer.setLayoutData(ringerLayout);
        Widgets.labelledBy(ringer, caption);
        test = Widgets.name(new Button(page, SWT.PUSH), "switchboard.audio.testringer", null);
        test.setText("Play ringtone");
        test.setEnabled(tones != null);
        test.addListener(SWT.Selection, event -> toggleTest());
        message = new MessageLine(page, "switchboard.audio.message");
        message.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        page.addListener(SWT.Dispose, event -> stopTest());

        String chosen = preferences.get(Ringer.RINGER_DEVICE, "");
        ringer.add(DEFAULT_DEVICE);
        ids.add("");
        if (devices == null) {
            message.say("The audio service is not running: only the default device is offered.", true);
        } else {
            for (AudioDeviceInfo device : devices.devices()) {
                if (device.playback()) {
                    ringer.add(device.name());
                    ids.add(device.id());
                }
            }
        }
        if (!chosen.isEmpty() && !ids.contains(chosen)) {
            // a device unplugged since: keep the choice visible rather than silently forget it
            ringer.add(chosen + " (not connected)");
            ids.add(chosen);
        }
        ringer.select(ids.indexOf(chosen));
        ringer.addListener(SWT.Selection, event -> stopTest());
        return page;
    }

    private String selectedId() {
        int index = ringer.getSelectionIndex();
        return index < 0 ? "" : ids.get(index);
    }

    private void toggleTest() {
        if (testing != null) {
            stopTest();
            return;
        }
        String device = selectedId();
        test.setEnabled(false);
        org.eclipse.swt.widgets.Display display = test.getDisplay();
        operations.supply(() -> {
            try {
                return tones.play(Tone.RINGING, device.isEmpty() ? null : device);
            } catch (AudioDeviceException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        })
                .whenComplete((handle, failure) -> display.asyncExec(() -> {
                    if (test.isDisposed()) {
                        if (handle != null) {
                            handle.close();
                        }
                        return;
                    }
                    test.setEnabled(true);
                    if (failure != null) {
                        message.say("Cannot play on " + ringer.getText() + ": " + CoreOperations.reason(failure), true);
                        return;
                    }
                    testing = handle;
                    test.setText("Stop");
                    message.say("Playing the ringtone on " + ringer.getText() + ".", false);
                }));
    }

    private void stopTest() {
        ToneHandle playing = testing;
        testing = null;
        if (playing != null) {
            operations.run(playing::close);
        }
        if (test != null && !test.isDisposed()) {
            test.setText("Play ringtone");
            message.say("", false);
        }
    }

    @Override
    public boolean performOk() {
        if (ringer == null) {
            return true;
        }
        stopTest();
        String device = selectedId();
        if (device.isEmpty()) {
            preferences.remove(Ringer.RINGER_DEVICE);
        } else {
            preferences.put(Ringer.RINGER_DEVICE, device);
        }
        try {
            preferences.flush();
        } catch (org.osgi.service.prefs.BackingStoreException e) {
            message.say("The choice holds until you quit; it could not be saved: " + e.getMessage(), true);
        }
        return true;
    }
}

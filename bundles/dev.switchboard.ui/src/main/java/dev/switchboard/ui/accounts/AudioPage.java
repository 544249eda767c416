package dev.switchboard.ui.accounts;

import java.time.Duration;
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
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDeviceInfo;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.audio.AudioLoopTest;
import dev.switchboard.media.audio.CaptureStream;
import dev.switchboard.media.session.Tone;
import dev.switchboard.media.session.ToneHandle;
import dev.switchboard.media.session.TonePlayer;
import dev.switchboard.ui.LevelBar;
import dev.switchboard.ui.MessageLine;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.calls.Ringer;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * Settings › Audio: the ringer device (where the ringtone plays, e.g. the laptop's speaker while
 * calls are taken on a headset) with a button that plays the ringtone on it until pressed again,
 * stored in the UI's instance preferences ({@link Ringer#RINGER_DEVICE}); and a check of a
 * microphone and a speaker: a live level meter of the microphone, and the built-in audio test call
 * ({@link AudioLoopTest}: the whole path of a call over loopback) with its levels, loss and jitter.
 * The checked microphone and speaker can then be made an account's call devices ("Use for calls of"),
 * written into the account's own settings ({@link CallDevices}); choosing the account shows the ones
 * its calls use now.
 */
public final class AudioPage extends PreferencePage {

    private static final String DEFAULT_DEVICE = "Default device";
    /** What the media engine's sound-card provider calls the system's default device. */
    private static final String SYSTEM_DEFAULT = "javasound:default";
    private static final int METER_RATE = 8000;
    private static final int METER_FRAME = 160;
    private static final Duration TEST_CALL = Duration.ofSeconds(3);

    private final AudioDevices devices;
    private final TonePlayer tones;
    private final AudioLoopTest loopTest;
    private final IEclipsePreferences preferences;
    private final CoreOperations operations;
    private final AccountRegistry accounts;
    private final ProtocolCatalog catalog;
    /** The accounts whose protocol names call devices, in the order of {@link #callAccount}. */
    private final List<Account> callAccounts = new ArrayList<>();
    private final List<String> ringerIds = new ArrayList<>();
    private final List<String> captureIds = new ArrayList<>();
    private final List<String> playbackIds = new ArrayList<>();
    private Combo ringer;
    private Combo microphone;
    private Combo speaker;
    private Button test;
    private Button listen;
    private Button testCall;
    private Combo callAccount;
    private Button useForCalls;
    private Meter microphoneMeter;
    private Meter speakerMeter;
    private MessageLine message;
    /** The test ringtone while it plays; touched on the UI thread only. */
    private ToneHandle testing;
    /** The microphone meter's reader while it runs; set and cleared on the UI thread. */
    private volatile Thread listening;

    public AudioPage(AudioDevices devices, TonePlayer tones, AudioLoopTest loopTest, IEclipsePreferences preferences,
            CoreOperations operations, AccountRegistry accounts, ProtocolCatalog catalog) {
        super("Audio");
        this.accounts = accounts;
        this.catalog = catalog;
        this.devices = devices;
        this.tones = tones;
        this.loopTest = loopTest;
        this.preferences = preferences;
        this.operations = operations;
        setDescription("Where the ringtone plays; a check of a microphone and a speaker, which an account's calls"
                + " can then use.");
        noDefaultButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 0;
        page.setLayout(layout);
        ringer = combo(page, "Ringer", "switchboard.audio.ringer");
        test = Widgets.name(new Button(page, SWT.PUSH), "switchboard.audio.testringer", null);
        test.setText("Play ringtone");
        test.setEnabled(tones != null);
        test.addListener(SWT.Selection, event -> toggleTest());

        Label separator = new Label(page, SWT.SEPARATOR | SWT.HORIZONTAL);
        separator.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        microphone = combo(page, "Microphone", "switchboard.audio.microphone");
        listen = Widgets.name(new Button(page, SWT.PUSH), "switchboard.audio.listen", null);
        listen.setText("Listen");
        listen.setToolTipText("Show the microphone's level while you speak");
        listen.setEnabled(devices != null);
        listen.addListener(SWT.Selection, event -> toggleListening());
        microphoneMeter = Meter.under(page, "switchboard.audio.meter", "Microphone level");
        speaker = combo(page, "Speaker", "switchboard.audio.speaker");
        testCall = Widgets.name(new Button(page, SWT.PUSH), "switchboard.audio.testcall", null);
        testCall.setText("Test call");
        testCall.setToolTipText("Speak for " + TEST_CALL.toSeconds() + " s: your voice goes through a whole call over"
                + " loopback and back to the speaker");
        testCall.setEnabled(loopTest != null);
        testCall.addListener(SWT.Selection, event -> runTestCall());
        speakerMeter = Meter.under(page, "switchboard.audio.speakermeter", "Speaker level");
        callAccount = combo(page, "Use for calls of", "switchboard.audio.callaccount");
        useForCalls = Widgets.name(new Button(page, SWT.PUSH), "switchboard.audio.useforcalls", null);
        useForCalls.setText("Use for calls");
        useForCalls.setToolTipText("The account's calls use the microphone and speaker chosen above");
        useForCalls.addListener(SWT.Selection, event -> useForCalls());
        message = new MessageLine(page, "switchboard.audio.message");
        GridData messageLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        messageLayout.widthHint = 420;
        message.control().setLayoutData(messageLayout);
        page.addListener(SWT.Dispose, event -> {
            stopTest();
            stopListening();
        });

        String chosen = preferences.get(Ringer.RINGER_DEVICE, "");
        ringer.add(DEFAULT_DEVICE);
        ringerIds.add("");
        microphone.add(DEFAULT_DEVICE);
        captureIds.add(SYSTEM_DEFAULT);
        speaker.add(DEFAULT_DEVICE);
        playbackIds.add(SYSTEM_DEFAULT);
        if (devices == null) {
            message.say("The audio service is not running: only the default device is offered.", true);
        } else {
            for (AudioDeviceInfo device : devices.devices()) {
                if (device.playback()) {
                    ringer.add(device.name());
                    ringerIds.add(device.id());
                    speaker.add(device.name());
                    playbackIds.add(device.id());
                }
                if (device.capture()) {
                    microphone.add(device.name());
                    captureIds.add(device.id());
                }
            }
        }
        if (!chosen.isEmpty() && !ringerIds.contains(chosen)) {
            // a device unplugged since: keep the choice visible rather than silently forget it
            ringer.add(chosen + " (not connected)");
            ringerIds.add(chosen);
        }
        ringer.select(ringerIds.indexOf(chosen));
        microphone.select(0);
        speaker.select(0);
        ringer.addListener(SWT.Selection, event -> stopTest());
        microphone.addListener(SWT.Selection, event -> stopListening());
        listCallAccounts();
        callAccount.addListener(SWT.Selection, event -> showCallDevices());
        return page;
    }

    /** A meter under its device list, with the level in words beside it. */
    private record Meter(LevelBar bar, Label words) {

        /** An empty first column (the device list's label is above), the meter as wide as the list, the words. */
        static Meter under(Composite page, String key, String accessibleName) {
            Label emptyCell = new Label(page, SWT.NONE);
            LevelBar bar = new LevelBar(page, key, accessibleName);
            bar.keepOwnName(emptyCell);
            bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Label words = Widgets.name(new Label(page, SWT.NONE), key + "text", null);
            words.setForeground(Widgets.secondaryText(page.getDisplay()));
            GridData wordsLayout = new GridData(SWT.FILL, SWT.CENTER, false, false);
            wordsLayout.widthHint = 90;
            words.setLayoutData(wordsLayout);
            return new Meter(bar, words);
        }

        /** A reading in dBFS; {@link Double#NaN} empties the meter and its words. */
        void show(double dbfs) {
            bar.show(dbfs, false);
            words.setText(Double.isNaN(dbfs) ? "" : LevelBar.words(dbfs, false));
        }
    }

    private java.util.Optional<CallDevices> callDevicesOf(Account account) {
        return catalog.providers().stream()
                .filter(provider -> provider.protocol().equals(account.protocol()))
                .findFirst()
                .flatMap(provider -> CallDevices.of(provider.settingFields()));
    }

    private void listCallAccounts() {
        for (Account account : accounts.accounts()) {
            if (callDevicesOf(account).isPresent()) {
                callAccounts.add(account);
                callAccount.add(account.displayName());
            }
        }
        useForCalls.setEnabled(!callAccounts.isEmpty());
        if (callAccounts.isEmpty()) {
            callAccount.add("No account makes calls");
        }
        callAccount.select(0);
        showCallDevices();
    }

    /** Selects the chosen account's call devices in the microphone and speaker lists. */
    private void showCallDevices() {
        int index = callAccount.getSelectionIndex();
        if (index < 0 || index >= callAccounts.size()) {
            return;
        }
        Account account = callAccounts.get(index);
        CallDevices keys = callDevicesOf(account).orElseThrow();
        stopListening();
        select(microphone, captureIds, keys.capture(account));
        select(speaker, playbackIds, keys.playback(account));
    }

    /** Selects the device (empty: the default), adding one not connected now so the choice stays visible. */
    private static void select(Combo combo, List<String> ids, String device) {
        String id = device.isEmpty() ? SYSTEM_DEFAULT : device;
        if (!ids.contains(id)) {
            combo.add(id + " (not connected)");
            ids.add(id);
        }
        combo.select(ids.indexOf(id));
    }

    private void useForCalls() {
        int index = callAccount.getSelectionIndex();
        if (index < 0 || index >= callAccounts.size()) {
            return;
        }
        Account account = callAccounts.get(index);
        CallDevices keys = callDevicesOf(account).orElseThrow();
        String capture = chosen(microphone, captureIds, SYSTEM_DEFAULT);
        String playback = chosen(speaker, playbackIds, SYSTEM_DEFAULT);
        Account changed = keys.choose(account, SYSTEM_DEFAULT.equals(capture) ? "" : capture,
                SYSTEM_DEFAULT.equals(playback) ? "" : playback);
        String said = account.displayName() + "'s calls use " + microphone.getText() + " and " + speaker.getText() + ".";
        Display display = useForCalls.getDisplay();
        operations.run(() -> accounts.put(changed, null)).whenComplete((done, failure) -> display.asyncExec(() -> {
            if (useForCalls.isDisposed()) {
                return;
            }
            if (failure == null) {
                callAccounts.set(index, changed);
                message.say(said, false);
            } else {
                message.say("Could not change " + account.displayName() + ": " + CoreOperations.reason(failure), true);
            }
        }));
    }

    private static Combo combo(Composite page, String caption, String key) {
        Label label = new Label(page, SWT.NONE);
        label.setText(caption);
        Combo combo = Widgets.name(new Combo(page, SWT.READ_ONLY), key, null);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 260;
        combo.setLayoutData(layout);
        Widgets.labelledBy(combo, label);
        return combo;
    }

    private static String chosen(Combo combo, List<String> ids, String otherwise) {
        int index = combo.getSelectionIndex();
        return index < 0 ? otherwise : ids.get(index);
    }

    private void toggleTest() {
        if (testing != null) {
            stopTest();
            return;
        }
        String device = chosen(ringer, ringerIds, "");
        test.setEnabled(false);
        Display display = test.getDisplay();
        operations.supply(() -> {
            try {
                return tones.play(Tone.RINGING, device.isEmpty() ? null : device);
            } catch (AudioDeviceException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }).whenComplete((handle, failure) -> display.asyncExec(() -> {
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
        }
    }

    /** Opens the microphone on a thread of its own and shows its level about ten times a second. */
    private void toggleListening() {
        if (listening != null) {
            stopListening();
            return;
        }
        String device = chosen(microphone, captureIds, SYSTEM_DEFAULT);
        String name = microphone.getText();
        Display display = listen.getDisplay();
        listen.setText("Stop");
        Thread reader = Thread.ofVirtual().name("switchboard-ui-meter").unstarted(() -> {
            short[] frame = new short[METER_FRAME];
            try (CaptureStream input = devices.openCapture(device, METER_RATE, METER_FRAME)) {
                int frames = 0;
                while (listening == Thread.currentThread()) {
                    int read = input.read(frame, 0, METER_FRAME);
                    if (read < 0) {
                        break;
                    }
                    // one reading in five frames: 10 a second is all a meter needs
                    if (++frames % 5 == 0) {
                        double level = LevelMeter.dbfs(frame, read);
                        display.asyncExec(() -> showLevels(level, Double.NaN));
                    }
                }
            } catch (AudioDeviceException | RuntimeException e) {
                display.asyncExec(() -> {
                    message.say("Cannot listen to " + name + ": " + e.getMessage(), true);
                    stopListening();
                });
            }
        });
        // set before it runs: the reader stops as soon as this no longer names it
        listening = reader;
        reader.start();
    }

    /** Shows a reading of the microphone and the speaker; {@link Double#NaN} empties a meter and its words. */
    private void showLevels(double microphoneDbfs, double speakerDbfs) {
        if (microphoneMeter.bar().isDisposed()) {
            return;
        }
        microphoneMeter.show(microphoneDbfs);
        speakerMeter.show(speakerDbfs);
    }

    private void stopListening() {
        listening = null;
        if (listen != null && !listen.isDisposed()) {
            listen.setText("Listen");
            showLevels(Double.NaN, Double.NaN);
        }
    }

    /** Runs the loopback test call on a thread of its own: it takes seconds, the core worker must not wait for it. */
    private void runTestCall() {
        stopListening();
        String capture = chosen(microphone, captureIds, SYSTEM_DEFAULT);
        String playback = chosen(speaker, playbackIds, SYSTEM_DEFAULT);
        Display display = testCall.getDisplay();
        testCall.setEnabled(false);
        message.say("Test call running: speak for " + TEST_CALL.toSeconds() + " seconds\u2026", false);
        Thread.ofVirtual().name("switchboard-ui-testcall").start(() -> {
            String outcome;
            boolean failed;
            double heard = Double.NaN;
            double played = Double.NaN;
            try {
                // the meters follow the call live; the result's levels (whole call) stay on them at the end
                AudioLoopTest.Result result = loopTest.run(capture, playback, "PCMU", TEST_CALL,
                        (input, output) -> display.asyncExec(() -> showLevels(input, output)));
                heard = result.inputLevelDbfs();
                played = result.outputLevelDbfs();
                outcome = "Test call (" + result.codec() + "): microphone " + LevelBar.words(result.inputLevelDbfs(), false)
                        + ", speaker " + LevelBar.words(result.outputLevelDbfs(), false) + ", " + result.packetsLost()
                        + " of " + (result.packetsReceived() + result.packetsLost()) + " packets lost, jitter "
                        + Math.round(result.jitterMillis()) + " ms.";
                failed = false;
            } catch (AudioDeviceException | java.io.IOException | RuntimeException e) {
                outcome = "The test call failed: " + e.getMessage();
                failed = true;
            }
            String shown = outcome;
            boolean error = failed;
            double microphoneLevel = heard;
            double speakerLevel = played;
            display.asyncExec(() -> {
                if (testCall.isDisposed()) {
                    return;
                }
                testCall.setEnabled(true);
                showLevels(microphoneLevel, speakerLevel);
                message.say(shown, error);
            });
        });
    }

    @Override
    public boolean performOk() {
        if (ringer == null) {
            return true;
        }
        stopTest();
        stopListening();
        String device = chosen(ringer, ringerIds, "");
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

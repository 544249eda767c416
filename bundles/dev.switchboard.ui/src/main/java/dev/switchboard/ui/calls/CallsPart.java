package dev.switchboard.ui.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.AudioLevelMeter.Levels;
import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.LevelBar;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.dialpad.AddressInput;
import dev.switchboard.ui.dialpad.DialpadPart;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The calls: one row per call that has not ended, oldest first, with the far end's name, the
 * state, the talk time, the codec and a button per {@link CallAction}. Buttons are enabled only by
 * {@link CallControls} (the call's state and the capabilities its protocol offers); rows are kept
 * and updated in place so that keyboard focus stays on the button the user is on.
 */
public final class CallsPart {

    public static final String PART_ID = "dev.switchboard.ui.part.calls";
    public static final String LIST_NAME = "Calls";
    public static final String EMPTY_TEXT = "No calls. Dial a number on the left; incoming calls appear here.";

    private static final int TICK_MILLIS = 1000;
    /** Quality is measured every few seconds (RTCP reports, the media's 5 s check); polling faster shows nothing new. */
    private static final int QUALITY_POLL_TICKS = 5;
    /** 12.5 meter readings a second: the media's levels cover the last 100 ms, so faster shows nothing new. */
    private static final int METER_MILLIS = 80;
    /** While the calls are not on screen (window minimised, part hidden) the meters only look whether they are back. */
    private static final int HIDDEN_METER_MILLIS = 500;
    private static final System.Logger LOG = System.getLogger(CallsPart.class.getName());

    private final UISynchronize ui;
    private final EPartService parts;
    /** Asks for one render for any burst of feed notices. */
    private final Runnable watcher;
    private final Map<String, CallRow> rows = new LinkedHashMap<>();
    private volatile CallFeed feed;
    private volatile CallCommands commands;

    private ScrolledComposite scroller;
    private Composite list;
    private Label message;
    private Label empty;
    private Font peerFont;
    private CallBoard shown = CallBoard.NOTHING_RUNNING;
    private boolean ticking;
    private int ticksSinceQualityPoll;
    private boolean metering;
    /** One instance for every reading, so the meter timer allocates nothing per reading. */
    private final Runnable meterTick = this::readMeters;

    @Inject
    public CallsPart(UISynchronize ui, EPartService parts) {
        this.ui = ui;
        this.watcher = new CoalescedRender(ui, this::render);
        this.parts = parts;
    }

    @Inject
    synchronized void useFeed(@org.eclipse.e4.core.di.annotations.Optional @Service CallFeed newFeed) {
        if (feed != null) {
            feed.removeWatcher(watcher);
        }
        feed = newFeed;
        if (newFeed != null) {
            newFeed.addWatcher(watcher);
        }
        watcher.run();
    }

    @Inject
    void useCommands(@org.eclipse.e4.core.di.annotations.Optional @Service CallCommands newCommands) {
        commands = newCommands;
    }

    @PostConstruct
    void createControls(Composite parent) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        peerFont = resources.create(FontDescriptor.createFrom(parent.getFont()).increaseHeight(3).setStyle(SWT.BOLD));
        GridLayout layout = new GridLayout();
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        parent.setLayout(layout);
        message = Widgets.name(new Label(parent, SWT.WRAP), "switchboard.calls.message", null);
        message.setForeground(Widgets.errorColour(parent.getDisplay()));
        GridData messageLayout = new GridData(SWT.FILL, SWT.TOP, true, false);
        messageLayout.exclude = true;
        message.setLayoutData(messageLayout);
        message.setVisible(false);

        scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        list = Widgets.name(new Composite(scroller, SWT.NONE), "switchboard.calls", LIST_NAME);
        GridLayout listLayout = new GridLayout();
        listLayout.marginWidth = 12;
        listLayout.marginHeight = 10;
        listLayout.verticalSpacing = 10;
        list.setLayout(listLayout);
        scroller.setContent(list);
        scroller.addListener(SWT.Resize, event -> relayout());

        empty = Widgets.name(new Label(list, SWT.WRAP), "switchboard.calls.empty", null);
        empty.setText(EMPTY_TEXT);
        empty.setForeground(Widgets.secondaryText(parent.getDisplay()));
        empty.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        render();
    }

    @Focus
    void focus() {
        rows.values().stream().findFirst().ifPresentOrElse(CallRow::focus, list::setFocus);
    }

    @PreDestroy
    void dispose() {
        CallFeed current = feed;
        if (current != null) {
            current.removeWatcher(watcher);
        }
    }

    private void render() {
        if (list == null || list.isDisposed()) {
            return;
        }
        CallFeed current = feed;
        shown = current == null ? CallBoard.NOTHING_RUNNING : current.current();
        rows.entrySet().removeIf(entry -> {
            if (shown.call(entry.getKey()).isEmpty()) {
                entry.getValue().dispose();
                return true;
            }
            return false;
        });
        for (CallView call : shown.calls()) {
            rows.computeIfAbsent(call.id(), id -> new CallRow(list)).update(call, shown);
        }
        // rows in the board's order: new rows were appended, and the board is oldest first as well
        boolean none = shown.calls().isEmpty();
        empty.setText(shown.callServiceRunning() ? EMPTY_TEXT : "Calls unavailable: the call service is not running.");
        ((GridData) empty.getLayoutData()).exclude = !none;
        empty.setVisible(none);
        relayout();
        if (!ticking && rows.values().stream().anyMatch(CallRow::timed)) {
            ticking = true;
            list.getDisplay().timerExec(TICK_MILLIS, this::tick);
        }
        if (!metering && rows.values().stream().anyMatch(CallRow::metersLive)) {
            metering = true;
            list.getDisplay().timerExec(METER_MILLIS, meterTick);
        }
    }

    /** Reads the levels of every call whose audio flows, while the calls are on screen; stops when none flows. */
    private void readMeters() {
        metering = false;
        if (list.isDisposed()) {
            return;
        }
        boolean onScreen = list.isVisible() && !list.getShell().getMinimized();
        boolean live = false;
        for (CallRow row : rows.values()) {
            if (row.metersLive()) {
                live = true;
                if (onScreen) {
                    row.readLevels();
                }
            }
        }
        if (live) {
            metering = true;
            list.getDisplay().timerExec(onScreen ? METER_MILLIS : HIDDEN_METER_MILLIS, meterTick);
        }
    }

    /** Advances the talk timers once a second while any call has one. */
    private void tick() {
        ticking = false;
        if (list.isDisposed()) {
            return;
        }
        Instant now = Instant.now();
        rows.values().forEach(row -> row.showTime(now));
        if (++ticksSinceQualityPoll >= QUALITY_POLL_TICKS) {
            ticksSinceQualityPoll = 0;
            CallFeed current = feed;
            if (current != null) {
                // read on the feed's worker: the indicator belongs to the protocol's media, not the UI thread
                rows.values().stream().filter(CallRow::measured).forEach(row -> current.refresh(row.view.id()));
            }
        }
        if (rows.values().stream().anyMatch(CallRow::timed)) {
            ticking = true;
            list.getDisplay().timerExec(TICK_MILLIS, this::tick);
        }
    }

    private void relayout() {
        int width = scroller.getClientArea().width;
        scroller.setMinSize(list.computeSize(width > 0 ? width : SWT.DEFAULT, SWT.DEFAULT));
        list.layout(true, true);
    }

    private void showError(String text) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(text);
        boolean visible = !text.isEmpty();
        ((GridData) message.getLayoutData()).exclude = !visible;
        message.setVisible(visible);
        message.getParent().layout(true, true);
    }

    private void report(CompletableFuture<?> operation, String what) {
        operation.whenComplete((done, failure) -> ui.asyncExec(() -> showError(
                failure == null ? "" : what + ": " + CoreOperations.reason(failure))));
    }

    private void act(CallAction action, CallView call) {
        CallCommands current = commands;
        if (current == null) {
            showError("Calls unavailable: the call service is not running.");
            return;
        }
        switch (action) {
            case ANSWER -> report(current.answer(call), "Could not answer");
            case REJECT -> report(current.reject(call), "Could not reject");
            case HANG_UP -> report(current.hangUp(call), "Could not hang up");
            case MUTE -> report(current.toggleMute(call), "Could not change mute");
            case HOLD -> report(current.toggleHold(call), "Could not change hold");
            case SWAP -> report(current.swap(call), "Could not swap calls");
            case MERGE -> report(current.merge(call), "Could not merge the calls");
            case RECORD -> report(current.toggleRecording(call,
                    Path.of(System.getProperty("user.home"), "Switchboard recordings")), "Could not record");
            case KEYPAD -> {
                // the dialpad's keys send tones to the call being talked on
                var dialpad = parts.findPart(DialpadPart.PART_ID);
                if (dialpad != null) {
                    parts.activate(dialpad);
                }
            }
            case TRANSFER -> askAddress("Transfer", "Transfer " + call.peerLabel() + " to:")
                    .ifPresent(target -> report(current.blindTransfer(call, target), "Could not transfer"));
            case ATTENDED_TRANSFER -> CallControls.consultation(call, shown).ifPresentOrElse(
                    consultation -> report(current.completeTransfer(call, consultation), "Could not transfer"),
                    () -> askAddress("Consult", "Put " + call.peerLabel()
                            + " on hold and call the person to transfer to:")
                            .ifPresent(target -> report(current.consult(call, target), "Could not call " + target)));
        }
    }

    private java.util.Optional<String> askAddress(String title, String question) {
        InputDialog dialog = new InputDialog(list.getShell(), title, question, "",
                text -> AddressInput.problem(AddressInput.normalise(text)).orElse(null));
        if (dialog.open() != Window.OK) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(AddressInput.normalise(dialog.getValue()));
    }

    /** One call's row; its widgets live as long as the call. */
    private final class CallRow {

        private final Composite box;
        private final Label peer;
        private final Label detail;
        private final Label address;
        private final Label quality;
        private final Composite meters;
        private final LevelBar microphone;
        private final LevelBar speaker;
        private final Map<CallAction, Button> buttons = new EnumMap<>(CallAction.class);
        private CallView view;
        /** The call's levels while the row shows meters; null otherwise. */
        private AudioLevelMeter levelSource;
        private String stateText = "";

        CallRow(Composite parent) {
            box = new Composite(parent, SWT.BORDER);
            box.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            GridLayout layout = new GridLayout(2, false);
            layout.marginWidth = 10;
            layout.marginHeight = 8;
            box.setLayout(layout);
            peer = new Label(box, SWT.NONE);
            peer.setFont(peerFont);
            peer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            detail = new Label(box, SWT.RIGHT);
            detail.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
            address = new Label(box, SWT.NONE);
            address.setForeground(Widgets.secondaryText(parent.getDisplay()));
            address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            quality = new Label(box, SWT.RIGHT);
            quality.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
            box.getAccessible().addAccessibleListener(new AccessibleAdapter() {
                @Override
                public void getName(AccessibleEvent event) {
                    event.result = "Call with " + peer.getText() + ": " + detail.getText()
                            + (quality.getText().isEmpty() ? "" : ", " + quality.getText().substring(2));
                }
            });
            meters = new Composite(box, SWT.NONE);
            GridLayout metersLayout = new GridLayout(4, false);
            metersLayout.marginWidth = 0;
            metersLayout.marginHeight = 2;
            metersLayout.horizontalSpacing = 8;
            meters.setLayout(metersLayout);
            GridData metersPlace = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
            metersPlace.exclude = true;
            meters.setLayoutData(metersPlace);
            meters.setVisible(false);
            microphone = meter("Microphone", "switchboard.calls.microphone");
            speaker = meter("Speaker", "switchboard.calls.speaker");
            Composite bar = new Composite(box, SWT.NONE);
            RowLayout barLayout = new RowLayout(SWT.HORIZONTAL);
            barLayout.marginLeft = barLayout.marginRight = barLayout.marginTop = 0;
            barLayout.spacing = 6;
            barLayout.wrap = true;
            bar.setLayout(barLayout);
            bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            for (CallAction action : CallAction.values()) {
                Button button = new Button(bar, SWT.PUSH);
                button.setText(action.label());
                button.addListener(SWT.Selection, event -> act(action, view));
                buttons.put(action, button);
            }
        }

        /** A caption in the secondary colour and a slim meter that takes the rest of its half of the row. */
        private LevelBar meter(String caption, String key) {
            Label label = new Label(meters, SWT.NONE);
            label.setText(caption);
            label.setForeground(Widgets.secondaryText(meters.getDisplay()));
            label.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
            LevelBar level = new LevelBar(meters, key, caption + " level");
            level.keepOwnName(label);
            GridData place = new GridData(SWT.FILL, SWT.CENTER, true, false);
            // no width of their own: the two meters share what the captions leave equally
            place.widthHint = 0;
            level.setLayoutData(place);
            return level;
        }

        void update(CallView call, CallBoard board) {
            view = call;
            String id = call.id();
            box.setData(Widgets.WIDGET_KEY, "switchboard.calls.row." + id);
            peer.setText(call.peerLabel());
            address.setText(call.peerAddress().equals(call.peerLabel()) ? call.accountId()
                    : call.peerAddress() + "  \u00B7  " + call.accountId());
            stateText = CallText.state(call.state(), call.direction());
            Set<CallAction> enabled = CallControls.enabled(call, board);
            boolean ringing = call.state() == dev.switchboard.core.call.CallState.RINGING_IN;
            buttons.forEach((action, button) -> {
                boolean answerOrReject = action == CallAction.ANSWER || action == CallAction.REJECT;
                // a ringing call shows only Answer and Reject; the others never apply to it
                boolean visible = ringing == answerOrReject;
                button.setVisible(visible);
                RowData place = new RowData();
                place.exclude = !visible;
                button.setLayoutData(place);
                button.setText(CallControls.label(action, call, board));
                button.setEnabled(enabled.contains(action));
                button.setData(Widgets.WIDGET_KEY, "switchboard.calls." + id + "." + action.name().toLowerCase());
            });
            showQuality(call);
            showMeters(call);
            showTime(Instant.now());
        }

        private void showMeters(CallView call) {
            boolean shown = call.showsMeters();
            levelSource = shown ? call.call().capability(AudioLevelMeter.class).orElse(null) : null;
            shown &= levelSource != null;
            microphone.setData(Widgets.WIDGET_KEY, "switchboard.calls." + call.id() + ".microphone");
            speaker.setData(Widgets.WIDGET_KEY, "switchboard.calls." + call.id() + ".speaker");
            if (!call.metersLive()) {
                // held: the meters stay in place, empty, so the row does not jump on hold and resume
                microphone.show(Double.NaN, false);
                speaker.show(Double.NaN, false);
            }
            GridData place = (GridData) meters.getLayoutData();
            if (place.exclude == shown) {
                place.exclude = !shown;
                meters.setVisible(shown);
                meters.requestLayout();
            }
        }

        boolean metersLive() {
            return levelSource != null && view.metersLive();
        }

        /** One reading of both meters; a call whose levels cannot be read loses its meters, with one log line. */
        void readLevels() {
            try {
                Levels now = levelSource.levels();
                microphone.show(now.microphoneDbfs(), view.muted());
                speaker.show(now.speakerDbfs(), false);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the levels of call " + view.id() + " cannot be read; its meters stop", e);
                levelSource = null;
                microphone.show(Double.NaN, false);
                speaker.show(Double.NaN, false);
            }
        }

        private void showQuality(CallView call) {
            String words = CallText.quality(call.quality());
            String text = words.isEmpty() ? "" : "\u25CF " + words;
            if (!quality.getText().equals(text)) {
                quality.setText(text);
                quality.setForeground(Widgets.qualityColour(quality.getDisplay(), call.quality()));
                quality.requestLayout();
            }
            quality.setToolTipText(call.qualityDetail().isEmpty() ? null : call.qualityDetail());
            quality.setData(Widgets.WIDGET_KEY, "switchboard.calls." + call.id() + ".quality");
        }

        boolean measured() {
            return view != null && view.offers(CallView.Feature.QUALITY) && view.state() != dev.switchboard.core.call.CallState.ENDED;
        }

        boolean timed() {
            return view != null && view.connectedAt() != null;
        }

        void showTime(Instant now) {
            StringBuilder text = new StringBuilder(stateText);
            if (view.connectedAt() != null) {
                text.append("  ").append(CallText.elapsed(Duration.between(view.connectedAt(), now)));
            }
            if (!view.codec().isEmpty()) {
                text.append("  \u00B7  ").append(view.codec());
            }
            if (view.recording()) {
                text.append("  \u00B7  \u25CF REC");
            }
            if (view.muted()) {
                text.append("  \u00B7  muted");
            }
            if (!detail.getText().equals(text.toString())) {
                detail.setText(text.toString());
                detail.requestLayout();
            }
        }

        void focus() {
            buttons.values().stream().filter(Button::isEnabled).filter(Button::isVisible).findFirst()
                    .ifPresent(Button::setFocus);
        }

        void dispose() {
            box.dispose();
        }
    }
}

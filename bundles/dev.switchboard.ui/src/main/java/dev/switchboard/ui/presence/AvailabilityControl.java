package dev.switchboard.ui.presence;

import java.util.List;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.ui.UiTopics;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The user's own availability in the window's top trim: available, away, do not disturb or
 * offline, with a note, applied through the core's {@link PresenceService} to every protocol at
 * once. The note is applied with Enter or when the field loses focus.
 */
public final class AvailabilityControl {

    public static final String CHOICE_NAME = "Availability";
    public static final String NOTE_NAME = "Availability note";

    /** The choices offered, in menu order; extended away is shown only when set elsewhere. */
    static final List<Availability> OFFERED = List.of(Availability.AVAILABLE, Availability.AWAY,
            Availability.DO_NOT_DISTURB, Availability.OFFLINE);

    private final UISynchronize ui;
    private final IEventBroker events;
    private volatile PresenceService presence;
    private volatile CoreOperations operations;
    private Combo choice;
    private Text note;
    private Label problem;
    private List<Availability> choices = OFFERED;

    @Inject
    public AvailabilityControl(UISynchronize ui, IEventBroker events) {
        this.ui = ui;
        this.events = events;
    }

    @Inject
    void usePresence(@org.eclipse.e4.core.di.annotations.Optional @Service PresenceService service,
            @org.eclipse.e4.core.di.annotations.Optional @Service CoreOperations newOperations) {
        presence = service;
        operations = newOperations;
        ui.asyncExec(this::showCurrent);
    }

    /** Spoken and shown text of an availability. */
    public static String label(Availability availability) {
        return switch (availability) {
            case AVAILABLE -> "\u25CF Available";
            case AWAY -> "\u25D1 Away";
            case EXTENDED_AWAY -> "\u25D1 Away for a while";
            case DO_NOT_DISTURB -> "\u26D4 Do not disturb";
            case OFFLINE -> "\u25CB Offline";
        };
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite area = Widgets.name(new Composite(parent, SWT.NONE), "switchboard.availability.area", null);
        GridLayout layout = new GridLayout(4, false);
        layout.marginWidth = 8;
        layout.marginHeight = 4;
        layout.horizontalSpacing = 8;
        area.setLayout(layout);
        Label title = new Label(area, SWT.NONE);
        title.setText("My status");
        choice = Widgets.name(new Combo(area, SWT.READ_ONLY), "switchboard.availability", CHOICE_NAME);
        choice.addListener(SWT.Selection, event -> apply());
        note = Widgets.name(new Text(area, SWT.SINGLE | SWT.BORDER), "switchboard.availability.note", NOTE_NAME);
        note.setMessage("Add a note, e.g. in a meeting until 3");
        GridData noteLayout = new GridData(SWT.FILL, SWT.CENTER, false, false);
        noteLayout.widthHint = 260;
        note.setLayoutData(noteLayout);
        Widgets.labelledBy(choice, title);
        Widgets.labelledBy(note, title);
        note.addListener(SWT.DefaultSelection, event -> apply());
        note.addListener(SWT.FocusOut, event -> apply());
        problem = Widgets.name(new Label(area, SWT.NONE), "switchboard.availability.problem", null);
        problem.setForeground(Widgets.errorColour(parent.getDisplay()));
        problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        showCurrent();
    }

    private void showCurrent() {
        if (choice == null || choice.isDisposed()) {
            return;
        }
        PresenceService service = presence;
        Presence current = service == null ? Presence.OFFLINE : service.own();
        choices = OFFERED.contains(current.availability()) ? OFFERED
                : java.util.stream.Stream.concat(OFFERED.stream(), java.util.stream.Stream.of(current.availability())).toList();
        choice.removeAll();
        choices.forEach(availability -> choice.add(label(availability)));
        choice.select(choices.indexOf(current.availability()));
        choice.setEnabled(service != null);
        note.setEnabled(service != null);
        if (!note.getText().equals(current.note())) {
            note.setText(current.note());
        }
        problem.setText(service == null ? "Presence service not running" : "");
        problem.requestLayout();
    }

    private void apply() {
        PresenceService service = presence;
        CoreOperations worker = operations;
        int index = choice.getSelectionIndex();
        if (service == null || worker == null || index < 0) {
            return;
        }
        Presence wanted = new Presence(choices.get(index), note.getText().strip());
        worker.run(() -> {
            if (!wanted.equals(service.own())) {
                service.setOwn(wanted);
            }
        }).whenComplete((done, failure) -> ui.asyncExec(() -> {
            if (!problem.isDisposed()) {
                problem.setText(failure == null ? "" : "Could not change status: " + CoreOperations.reason(failure));
                if (failure == null) {
                    events.post(UiTopics.AVAILABILITY, wanted.availability());
                }
                problem.requestLayout();
            }
        }));
    }
}

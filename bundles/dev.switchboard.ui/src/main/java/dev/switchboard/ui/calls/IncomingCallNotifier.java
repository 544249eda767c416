package dev.switchboard.ui.calls;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import dev.switchboard.ui.CoalescedRender;
import dev.switchboard.ui.Widgets;
import dev.switchboard.ui.operations.CoreOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Add-on (made by {@link dev.switchboard.ui.FirstPaint} once the window is up) that shows a small notification for every call ringing for us: above other windows,
 * at the bottom right of the screen, without taking the keyboard from whatever the user is typing
 * in. It has the caller and Answer / Reject, Voicemail (when the account names its mailbox) and
 * Forward… (asks where to), and closes as soon as the call leaves RINGING_IN (answered here or
 * elsewhere, rejected, forwarded, or the caller gave up).
 */
public final class IncomingCallNotifier {

    public static final String TITLE = "Incoming call";
    /** Shell data keys of the labels updated while the call rings. */
    private static final String CALLER = "switchboard.caller";
    private static final String ADDRESS = "switchboard.address";
    private static final int MARGIN = 16;
    private static final int WIDTH = 320;

    private final UISynchronize ui;
    /** Asks for one render for any burst of feed notices. */
    private final Runnable watcher;
    private final Map<String, Shell> open = new HashMap<>();
    private volatile CallFeed feed;
    private volatile CallCommands commands;

    @Inject
    public IncomingCallNotifier(UISynchronize ui) {
        this.ui = ui;
        this.watcher = new CoalescedRender(ui, this::render);
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

    @PreDestroy
    void dispose() {
        CallFeed current = feed;
        if (current != null) {
            current.removeWatcher(watcher);
        }
    }

    private void render() {
        CallFeed current = feed;
        CallBoard board = current == null ? CallBoard.NOTHING_RUNNING : current.current();
        Set<String> ringing = board.ringing().stream().map(CallView::id).collect(Collectors.toSet());
        open.entrySet().removeIf(entry -> {
            if (!ringing.contains(entry.getKey())) {
                entry.getValue().dispose();
                return true;
            }
            return entry.getValue().isDisposed();
        });
        for (CallView call : board.ringing()) {
            Shell shell = open.computeIfAbsent(call.id(), id -> show(call));
            // the caller identification answers while the call rings: its name replaces the address
            if (shell.getData(CALLER) instanceof Label caller && !caller.getText().equals(call.peerLabel())) {
                caller.setText(call.peerLabel());
                if (shell.getData(ADDRESS) instanceof Label address) {
                    showAddress(address, call);
                }
                shell.setSize(shell.computeSize(WIDTH, SWT.DEFAULT));
                shell.layout(true, true);
            }
        }
        stack();
    }

    /** The address line, shown only when the caller has a name to show above it. */
    private static void showAddress(Label address, CallView call) {
        boolean named = !call.peerAddress().equals(call.peerLabel());
        address.setText(named ? call.peerAddress() : "");
        ((GridData) address.getLayoutData()).exclude = !named;
        address.setVisible(named);
    }

    private Shell show(CallView call) {
        Display display = Display.getCurrent();
        // NO_FOCUS and TOOL: GTK does not hand it the keyboard, and it stays out of the task list
        Shell shell = new Shell(display, SWT.ON_TOP | SWT.TOOL | SWT.NO_FOCUS | SWT.BORDER);
        shell.setText(TITLE);
        shell.setData(Widgets.WIDGET_KEY, "switchboard.incoming." + call.id());
        GridLayout layout = new GridLayout(2, true);
        layout.marginWidth = 14;
        layout.marginHeight = 12;
        layout.verticalSpacing = 6;
        shell.setLayout(layout);
        Font heading = new Font(display, FontDescriptor.createFrom(JFaceResources.getDefaultFont())
                .increaseHeight(3).setStyle(SWT.BOLD).getFontData());
        shell.addListener(SWT.Dispose, event -> heading.dispose());

        Label what = new Label(shell, SWT.NONE);
        what.setText(TITLE + " \u00B7 " + call.accountId());
        what.setForeground(Widgets.secondaryText(display));
        what.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Label caller = Widgets.name(new Label(shell, SWT.NONE), "switchboard.incoming.caller", null);
        caller.setText(call.peerLabel());
        caller.setFont(heading);
        caller.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        shell.setData(CALLER, caller);
        Label address = new Label(shell, SWT.NONE);
        address.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        showAddress(address, call);
        shell.setData(ADDRESS, address);
        Label problem = new Label(shell, SWT.WRAP);
        problem.setForeground(Widgets.errorColour(display));
        GridData problemLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        problemLayout.exclude = true;
        problem.setLayoutData(problemLayout);
        Button answer = Widgets.name(new Button(shell, SWT.PUSH), "switchboard.incoming.answer", null);
        answer.setText("Answer");
        answer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button reject = Widgets.name(new Button(shell, SWT.PUSH), "switchboard.incoming.reject", null);
        reject.setText("Reject");
        reject.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        answer.addListener(SWT.Selection, event -> act(shell, problem, cmds -> cmds.answer(call), "Could not answer"));
        reject.addListener(SWT.Selection, event -> act(shell, problem, cmds -> cmds.reject(call), "Could not reject"));
        CallCommands current = commands;
        Optional<String> mailbox = current == null ? Optional.empty() : current.mailbox(call);
        Button voicemail = Widgets.name(new Button(shell, SWT.PUSH), "switchboard.incoming.voicemail", null);
        voicemail.setText("Voicemail");
        voicemail.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        voicemail.setEnabled(mailbox.isPresent());
        voicemail.setToolTipText(mailbox.map(box -> "Send the caller to your mailbox, " + box)
                .orElse("The account names no voice mailbox (account settings)"));
        voicemail.addListener(SWT.Selection, event -> mailbox.ifPresent(box -> act(shell, problem,
                cmds -> cmds.forward(call, box), "Could not send to voicemail")));
        Button forward = Widgets.name(new Button(shell, SWT.PUSH), "switchboard.incoming.forward", null);
        forward.setText("Forward\u2026");
        forward.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        forward.addListener(SWT.Selection, event -> {
            // the notification never takes the keyboard, so the address is asked for in a dialog of its own
            InputDialog ask = new InputDialog(null, "Forward call", "Forward " + call.peerLabel() + " to (number or address):",
                    "", text -> text.isBlank() ? "Enter a number or address." : null);
            if (ask.open() == Window.OK && !shell.isDisposed()) {
                act(shell, problem, cmds -> cmds.forward(call, ask.getValue().strip()), "Could not forward");
            }
        });

        Point size = shell.computeSize(WIDTH, SWT.DEFAULT);
        shell.setSize(size);
        // shown without activation, so the window the user types in keeps the keyboard
        shell.setVisible(true);
        return shell;
    }

    /** Places the notifications bottom-right, newest on top of the pile. */
    private void stack() {
        Display display = Display.getCurrent();
        Rectangle screen = display.getPrimaryMonitor().getClientArea();
        int bottom = screen.y + screen.height - MARGIN;
        for (Shell shell : open.values()) {
            Point size = shell.getSize();
            bottom -= size.y;
            shell.setLocation(screen.x + screen.width - size.x - MARGIN, bottom);
            bottom -= MARGIN / 2;
        }
    }

    private void act(Shell shell, Label problem, java.util.function.Function<CallCommands, CompletableFuture<Void>> command,
            String what) {
        CallCommands current = commands;
        if (current == null) {
            return;
        }
        command.apply(current).whenComplete((done, failure) -> {
            if (failure != null) {
                ui.asyncExec(() -> {
                    if (!problem.isDisposed()) {
                        problem.setText(what + ": " + CoreOperations.reason(failure));
                        ((GridData) problem.getLayoutData()).exclude = false;
                        shell.setSize(shell.computeSize(WIDTH, SWT.DEFAULT));
                        shell.layout(true, true);
                    }
                });
            }
        });
    }
}

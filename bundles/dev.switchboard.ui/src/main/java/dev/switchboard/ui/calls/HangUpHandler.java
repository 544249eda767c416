package dev.switchboard.ui.calls;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;

/**
 * The global shortcut's handler (key binding in Application.e4xmi); the call it acts on is chosen
 * by {@link CallControls#toHangUp(CallBoard)}. A failure is logged (the call's row keeps showing
 * its real state); a shortcut with nothing to act on does nothing.
 */
public final class HangUpHandler {

    @CanExecute
    boolean canExecute(@Optional @Service CallFeed feed, @Optional @Service CallCommands commands) {
        return feed != null && commands != null && CallControls.toHangUp(feed.current()).isPresent();
    }

    @Execute
    void execute(@Optional @Service CallFeed feed, @Optional @Service CallCommands commands) {
        if (feed != null && commands != null) {
            CallControls.toHangUp(feed.current()).ifPresent(call -> commands.hangUp(call).whenComplete((done, failure) -> {
                if (failure != null) {
                    System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING,
                            "shortcut on call " + call.id() + " failed: " + failure.getMessage());
                }
            }));
        }
    }
}

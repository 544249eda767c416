package dev.switchboard.ui;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.lifecycle.FrontEnd;

/**
 * The desktop as the core's signal handling sees it (SIGTERM at a session logout): quitting closes the workbench
 * exactly as Switchboard › Quit does ({@link QuitHandler}), on the UI thread. The workbench's own
 * {@code E4Application.stop()} would close it from the calling thread, which SWT refuses.
 */
@Component
public final class DesktopFrontEnd implements FrontEnd {

    /** The running workbench; E4Workbench registers itself as this service while the window is up. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile IWorkbench workbench;

    @Override
    public boolean quit() {
        IWorkbench running = workbench;
        UISynchronize ui = running == null ? null : running.getApplication().getContext().get(UISynchronize.class);
        if (ui == null) {
            return false;
        }
        ui.asyncExec(running::close);
        return true;
    }
}

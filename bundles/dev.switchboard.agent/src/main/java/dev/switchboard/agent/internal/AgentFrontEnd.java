package dev.switchboard.agent.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.application.ApplicationHandle;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.lifecycle.FrontEnd;

/**
 * The agent as the core's signal handling sees it: quitting destroys the running agent application's handle, which
 * calls {@link AgentApplication#stop()} — the same path as the {@code quit} command (the application returns, the
 * launcher stops the framework). Without a running agent application (the codec tool) it leaves the stop to the core.
 */
@Component
public final class AgentFrontEnd implements FrontEnd {

    private static final System.Logger LOG = System.getLogger(AgentFrontEnd.class.getName());

    private final List<ApplicationHandle> running = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ApplicationHandle.APPLICATION_DESCRIPTOR + "=dev.switchboard.agent.headless)")
    void addApplication(ApplicationHandle handle) {
        running.add(handle);
    }

    void removeApplication(ApplicationHandle handle) {
        running.remove(handle);
    }

    @Override
    public boolean quit() {
        boolean asked = false;
        for (ApplicationHandle handle : running) {
            try {
                handle.destroy();
                asked = true;
            } catch (IllegalStateException alreadyEnded) {
                LOG.log(System.Logger.Level.DEBUG, "the agent application had already ended");
            }
        }
        return asked;
    }
}

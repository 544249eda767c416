package dev.switchboard.codec.g729.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Looks for libbcg729 once at start-up and enables {@link G729Codec} only when it is there; without
 * it G.729 is simply not offered, and the log says so in one line. It only opens the library and
 * looks its functions up: binding them waits for the first G.729 stream, off the start path. The library name can be changed
 * with system property {@value Bcg729#LIBRARY_PROPERTY}.
 */
@Component(immediate = true, service = {})
public class G729Availability {

    private static final Logger LOG = System.getLogger(G729Availability.class.getName());

    @Activate
    public G729Availability(ComponentContext context) {
        if (libraryLoads(Bcg729.configuredLibrary())) {
            context.enableComponent(G729Codec.NAME);
        }
    }

    /** Whether the library binds; logs the one line either way. */
    static boolean libraryLoads(String library) {
        StringBuilder whyNot = new StringBuilder();
        if (Bcg729.open(library, whyNot).isPresent()) {
            LOG.log(Level.INFO, "G.729 offered, by the system's " + library);
            return true;
        }
        LOG.log(Level.INFO, "G.729 not offered: " + whyNot + "; install libbcg729-0 to offer it");
        return false;
    }
}

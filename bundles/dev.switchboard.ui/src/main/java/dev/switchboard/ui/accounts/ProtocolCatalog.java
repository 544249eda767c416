package dev.switchboard.ui.accounts;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.spi.ProtocolProvider;

/** The installed protocol plug-ins, for the account forms; follows plug-ins as they come and go. */
@Component(service = ProtocolCatalog.class)
public final class ProtocolCatalog {

    private final List<ProtocolProvider> providers = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ProtocolProvider provider) {
        providers.add(provider);
    }

    void removeProvider(ProtocolProvider provider) {
        providers.remove(provider);
    }

    /** By the name people know them by. */
    public List<ProtocolProvider> providers() {
        return providers.stream().sorted(Comparator.comparing(ProtocolProvider::label)).toList();
    }
}

package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.ProtocolProvider;

/** The SIP plug-in's provider as the core finds it: the DS service with {@code switchboard.protocol=sip}. */
final class SipPlugin {

    private SipPlugin() {
    }

    static ProtocolProvider provider() throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(SipPlugin.class).getBundleContext();
        ServiceTracker<ProtocolProvider, ProtocolProvider> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + ProtocolProvider.class.getName() + ")("
                        + ProtocolProvider.PROTOCOL_PROPERTY + "=sip))"), null);
        tracker.open();
        ProtocolProvider provider = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(provider, "no SIP ProtocolProvider service: is dev.switchboard.protocol.sip active?");
        return provider;
    }

    /** An account for {@code user} registering through {@code host:port}, with the given extra settings. */
    static Account account(String id, String user, String domain, String registrar, String... extra) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>(Map.of("user", user, "domain", domain,
                "registrar", registrar));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return new Account(id, "sip", settings);
    }
}

package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolProvider;

/**
 * Accounts put into the core's registry and registered by the core's registration manager, through the
 * protocol plug-in DS runs, as the user's Connect does; {@link #close} unregisters and removes them.
 */
final class OnlineAccounts implements AutoCloseable {

    static final Duration STEP = Duration.ofSeconds(20);

    private final AccountRegistry accounts;
    private final RegistrationManager registrations;
    private final BlockingQueue<String> registered = new LinkedBlockingQueue<>();
    private final ServiceRegistration<RegistrationListener> listener;
    private final List<String> ids = new ArrayList<>();

    OnlineAccounts() throws InterruptedException {
        accounts = Services.service(AccountRegistry.class);
        registrations = Services.service(RegistrationManager.class);
        listener = Services.context().registerService(RegistrationListener.class, (account, previous, current) -> {
            if (current.kind() == RegistrationState.Kind.REGISTERED) {
                registered.add(account.id());
            }
        }, null);
    }

    /** Starts the (lazy) plug-in bundle and waits until DS registered its provider. */
    static void awaitProvider(String bundleName, String protocol) throws Exception {
        for (Bundle bundle : Services.context().getBundles()) {
            if (bundle.getSymbolicName().equals(bundleName) && bundle.getState() != Bundle.ACTIVE) {
                try {
                    bundle.start();
                } catch (BundleException e) {
                    throw new AssertionError(bundleName + " does not start: " + e.getMessage(), e);
                }
            }
        }
        ServiceTracker<ProtocolProvider, ProtocolProvider> tracker = new ServiceTracker<>(Services.context(),
                Services.context().createFilter("(&(objectClass=" + ProtocolProvider.class.getName() + ")("
                        + ProtocolProvider.PROTOCOL_PROPERTY + "=" + protocol + "))"), null);
        tracker.open();
        try {
            assertNotNull(tracker.waitForService(STEP.toMillis()), "no " + protocol + " ProtocolProvider service");
        } finally {
            tracker.close();
        }
    }

    /** Puts the account with its password and registers it; returns once the core reports it REGISTERED. */
    void register(Account account, String password) throws InterruptedException {
        accounts.put(account, password.toCharArray());
        ids.add(account.id());
        registrations.register(account.id());
        long deadline = System.nanoTime() + STEP.toNanos();
        while (registrations.state(account.id()).kind() != RegistrationState.Kind.REGISTERED) {
            long left = deadline - System.nanoTime();
            String id = registered.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (id == null && registrations.state(account.id()).kind() != RegistrationState.Kind.REGISTERED) {
                throw new AssertionError("account " + account.id() + " not registered within " + STEP + ": "
                        + registrations.state(account.id()));
            }
        }
    }

    @Override
    public void close() {
        for (String id : ids.reversed()) {
            registrations.unregister(id);
            accounts.remove(id);
        }
        listener.unregister();
    }
}

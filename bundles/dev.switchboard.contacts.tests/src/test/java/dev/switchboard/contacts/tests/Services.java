package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** DS services as the tests running inside Equinox find them, and test resources. */
final class Services {

    private Services() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(Services.class).getBundleContext();
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(service, "no " + type.getSimpleName() + " service: is its DS component active?");
        return service;
    }

    static <T> T service(Class<T> type, String filter) throws Exception {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(),
                context().createFilter("(&(objectClass=" + type.getName() + ")" + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(service, "no " + type.getSimpleName() + " service " + filter);
        return service;
    }

    static <T> ServiceRegistration<T> register(Class<T> type, T service, String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return context().registerService(type, service, properties);
    }

    /** Waits until the contact source {@code id} is registered (LDAP directories register theirs asynchronously). */
    static void awaitSource(String id) throws Exception {
        ServiceTracker<dev.switchboard.core.contacts.ContactSource, dev.switchboard.core.contacts.ContactSource> tracker =
                new ServiceTracker<>(context(), context().createFilter("(&(objectClass="
                        + dev.switchboard.core.contacts.ContactSource.class.getName() + ")(switchboard.contacts.source="
                        + id + "))"), null);
        tracker.open();
        try {
            assertNotNull(tracker.waitForService(TimeUnit.SECONDS.toMillis(10)), "contact source " + id
                    + " was not registered");
        } finally {
            tracker.close();
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Services.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

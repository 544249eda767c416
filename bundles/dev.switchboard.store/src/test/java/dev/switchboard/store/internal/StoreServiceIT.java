package dev.switchboard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.osgi.service.datalocation.Location;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

import dev.switchboard.store.Store;

/** The store as DS starts it inside Equinox: one H2 database in the instance area. */
class StoreServiceIT {

    @Test
    void theStoreServiceKeepsItsDatabaseInTheInstanceArea() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(StoreServiceIT.class).getBundleContext();
        CountDownLatch registered = new CountDownLatch(1);
        ServiceListener listener = event -> registered.countDown();
        context.addServiceListener(listener, "(objectClass=" + Store.class.getName() + ")");
        try {
            ServiceReference<Store> reference = context.getServiceReference(Store.class);
            if (reference == null) {
                assertTrue(registered.await(20, TimeUnit.SECONDS), "DS did not register the Store service");
                reference = context.getServiceReference(Store.class);
            }
            Store store = context.getService(reference);
            assertNotNull(store, "the Store component could not be activated");
            store.migrate("store.it", List.of("CREATE TABLE IF NOT EXISTS IT_ROWS (N INT)", "INSERT INTO IT_ROWS VALUES (42)"));
            try (Connection connection = store.connection(); Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT SUM(N) FROM IT_ROWS")) {
                assertTrue(result.next());
                assertEquals(42, result.getInt(1));
            }
            var instanceAreas = context.getServiceReferences(Location.class, "(type=osgi.instance.area)");
            URL area = context.getService(instanceAreas.iterator().next()).getURL();
            assertTrue(Files.isRegularFile(Path.of(area.getPath(), "switchboard", "store.mv.db")),
                    "no store.mv.db under " + area);
        } finally {
            context.removeServiceListener(listener);
        }
    }
}

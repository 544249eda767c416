package dev.switchboard.history.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.history.History;

/** The history as DS wires it in Equinox: on the profile's store, a message listener ranked above front ends,
 * and a contact source of kind history. */
class HistoryServiceIT {

    @Test
    void theHistoryListensFirstAndKeepsMessagesInTheStore() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(HistoryServiceIT.class).getBundleContext();
        CountDownLatch registered = new CountDownLatch(1);
        ServiceListener listener = event -> registered.countDown();
        context.addServiceListener(listener, "(objectClass=" + History.class.getName() + ")");
        try {
            ServiceReference<History> reference = context.getServiceReference(History.class);
            if (reference == null) {
                assertTrue(registered.await(20, TimeUnit.SECONDS), "DS did not register the History service");
                reference = context.getServiceReference(History.class);
            }
            History history = context.getService(reference);
            assertNotNull(history, "the History component could not be activated (no Store?)");
            assertEquals(StoredHistory.RANKING, reference.getProperty(Constants.SERVICE_RANKING));

            ServiceReference<MessageListener> listenerReference = context.getServiceReferences(MessageListener.class,
                    "(" + Constants.SERVICE_RANKING + "=" + StoredHistory.RANKING + ")").iterator().next();
            Message message = new Message("it-1", "a1", "bob@localhost", true, "bob@localhost", "kept?",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            context.getService(listenerReference).message(message);
            assertEquals(List.of(message), history.conversation("a1", "bob@localhost", 5));

            ServiceReference<ContactSource> sourceReference = context.getServiceReferences(ContactSource.class,
                    "(" + ContactSourceProperties.KIND + "=" + ContactSourceProperties.HISTORY + ")").iterator().next();
            List<Contact> peers = context.getService(sourceReference).search("bob", 5).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(List.of("bob@localhost"), peers.stream().map(Contact::id).toList());
        } finally {
            context.removeServiceListener(listener);
        }
    }
}

package dev.switchboard.core.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.event.EventTopics;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.core.spi.ProtocolProvider;

/** The core services as DS wires them inside Equinox, observed through EventAdmin as a CRM bundle would. */
class CoreServicesIT {

    private static final long TIMEOUT_SECONDS = 20;

    private final BundleContext context = FrameworkUtil.getBundle(CoreServicesIT.class).getBundleContext();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final LoopbackProtocol protocol = new LoopbackProtocol();
    private ServiceRegistration<EventHandler> handler;
    private ServiceRegistration<ProtocolProvider> provider;

    @BeforeEach
    void register() {
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, EventTopics.ALL);
        handler = context.registerService(EventHandler.class, events::add, topics);
        provider = context.registerService(ProtocolProvider.class, protocol,
                new Hashtable<>(Map.of(ProtocolProvider.PROTOCOL_PROPERTY, "loopback")));
    }

    @AfterEach
    void unregister() {
        handler.unregister();
        provider.unregister();
    }

    /** The service DS registers for {@code type}, waiting for SCR to get there. */
    private <T> T service(Class<T> type) throws InterruptedException, InvalidSyntaxException {
        CountDownLatch registered = new CountDownLatch(1);
        ServiceListener listener = event -> registered.countDown();
        context.addServiceListener(listener, "(objectClass=" + type.getName() + ")");
        try {
            ServiceReference<T> reference = context.getServiceReference(type);
            if (reference == null) {
                assertTrue(registered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), type.getSimpleName() + " was not started by DS");
                reference = context.getServiceReference(type);
            }
            T service = context.getService(reference);
            assertNotNull(service, type.getSimpleName() + " could not be activated");
            return service;
        } finally {
            context.removeServiceListener(listener);
        }
    }

    private Event next(String topic, String property, String value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            Event event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event != null && event.getTopic().equals(topic) && value.equals(event.getProperty(property))) {
                return event;
            }
        }
        throw new AssertionError("no " + topic + " event with " + property + "=" + value);
    }

    @Test
    void registrationAndCallEventsReachEventAdmin() throws Exception {
        AccountRegistry accounts = service(AccountRegistry.class);
        accounts.put(new Account("loop1", "loopback", Map.of("user", "alice")), "pw".toCharArray());
        service(RegistrationManager.class).register("loop1");
        Event registered = next(EventTopics.REGISTRATION, EventTopics.STATE, "REGISTERED");
        assertEquals("loop1", registered.getProperty(EventTopics.ACCOUNT));
        assertEquals("REGISTERING", registered.getProperty(EventTopics.PREVIOUS_STATE));

        CallManager calls = service(CallManager.class);
        Call call = calls.dial("loop1", "sip:bob@127.0.0.1");
        Event connected = next(EventTopics.CALL, EventTopics.STATE, "CONNECTED");
        assertEquals(call.id(), connected.getProperty(EventTopics.CALL_ID));
        assertEquals("sip:bob@127.0.0.1", connected.getProperty(EventTopics.PEER));
        assertEquals("OUTGOING", connected.getProperty(EventTopics.DIRECTION));
        assertEquals("PCMU/8000", call.codec().orElseThrow());

        call.hangup();
        Event ended = next(EventTopics.CALL, EventTopics.STATE, "ENDED");
        assertEquals("LOCAL_HANGUP", ended.getProperty(EventTopics.REASON));
        service(RegistrationManager.class).unregister("loop1");
        next(EventTopics.REGISTRATION, EventTopics.STATE, "UNREGISTERED");
        assertTrue(accounts.remove("loop1"));
    }

    @Test
    void chatStatesReachEventAdmin() throws Exception {
        // protocol plug-ins call every ChatStateListener on the whiteboard; the core's is the EventAdmin bridge
        service(ChatStateListener.class).chatStateChanged("x1", "bob@localhost", ChatState.COMPOSING);
        Event typing = next(EventTopics.CHAT_STATE, EventTopics.STATE, "COMPOSING");
        assertEquals("x1", typing.getProperty(EventTopics.ACCOUNT));
        assertEquals("bob@localhost", typing.getProperty(EventTopics.PEER));
    }

    @Test
    void doNotDisturbDeclinesAnIncomingCallAndTheEventSaysWhy() throws Exception {
        AccountRegistry accounts = service(AccountRegistry.class);
        accounts.put(new Account("loop2", "loopback", Map.of()), null);
        service(RegistrationManager.class).register("loop2");
        next(EventTopics.REGISTRATION, EventTopics.STATE, "REGISTERED");
        PresenceService presence = service(PresenceService.class);
        presence.setOwn(new Presence(Availability.DO_NOT_DISTURB, "focus"));
        try {
            next(EventTopics.PRESENCE, EventTopics.STATE, "DO_NOT_DISTURB");
            Participant caller = new Participant("sip:carol@127.0.0.1", "Carol");
            protocol.lastListener.incomingCall(new LoopbackProtocol.Leg(caller), caller);
            Event ended = next(EventTopics.CALL, EventTopics.STATE, "ENDED");
            assertEquals("INCOMING", ended.getProperty(EventTopics.DIRECTION));
            assertTrue(String.valueOf(ended.getProperty(EventTopics.REASON)).contains("do not disturb"),
                    String.valueOf(ended.getProperty(EventTopics.REASON)));
        } finally {
            presence.setOwn(new Presence(Availability.AVAILABLE, ""));
            service(RegistrationManager.class).unregister("loop2");
            accounts.remove("loop2");
        }
    }

    @Test
    void accountsSurviveInPreferencesWithTheSecretOnlyInSecureStorage() throws Exception {
        AccountRegistry accounts = service(AccountRegistry.class);
        accounts.put(new Account("keep", "loopback", Map.of("user", "dave")), "Walrus-77".toCharArray());
        try {
            PreferencesAccountRegistry reread = new PreferencesAccountRegistry(context);
            assertEquals(Map.of("user", "dave"), reread.account("keep").orElseThrow().settings());
            assertEquals("Walrus-77", new String(reread.secret("keep").orElseThrow()));
            assertFalse(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("dev.switchboard.core")
                    .node("accounts").node("keep").toString().contains("Walrus"));
        } finally {
            accounts.remove("keep");
        }
        assertTrue(new PreferencesAccountRegistry(context).account("keep").isEmpty());
    }

    @Test
    void secureStorageIsOpenedAtFirstUseNotWhenTheStoreIsMade() throws Exception {
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory("secure-first-use");
        java.nio.file.Path directory = profile.resolve(".secure");
        EquinoxSecretStore store = new EquinoxSecretStore(directory, "dev.switchboard/first-use-test");
        assertFalse(java.nio.file.Files.exists(directory), "made before any secret was asked for");
        store.put("acct", "Narwhal-5".toCharArray());
        assertTrue(java.nio.file.Files.isRegularFile(directory.resolve("master.key")));
        assertEquals("Narwhal-5", new String(store.get("acct").orElseThrow()));
        assertEquals("Narwhal-5", new String(new EquinoxSecretStore(directory, "dev.switchboard/first-use-test")
                .get("acct").orElseThrow()), "a second store on the same profile reads what the first wrote");

        java.nio.file.Path notADirectory = java.nio.file.Files.writeString(profile.resolve("file"), "x");
        EquinoxSecretStore broken = new EquinoxSecretStore(notADirectory.resolve(".secure"));
        IllegalStateException failure = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> broken.get("acct"));
        assertTrue(failure.getMessage().contains("secure storage could not be opened"), failure.getMessage());
    }
}

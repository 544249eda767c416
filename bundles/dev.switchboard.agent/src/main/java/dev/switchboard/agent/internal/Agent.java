package dev.switchboard.agent.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.history.History;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.media.audio.AudioLoopTest;
import dev.switchboard.media.codec.CodecRegistry;

/** The agent's link to the core services, shared by every controller's interpreter. */
@Component(service = Agent.class)
public class Agent {

    final AccountRegistry accounts;
    final RegistrationManager registrations;
    final CallManager calls;
    final PresenceService presence;
    final MessagingService messaging;
    final EventBroadcaster events;
    private final Map<String, ProtocolProvider> providers = new ConcurrentSkipListMap<>();
    /** The account setting that turns connecting at start off ({@code autoconnect=false}); the desktop reads it too. */
    static final String CONNECT_AT_START = "autoconnect";
    private final Set<String> connectedAtStart = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean connectingAtStart;

    /** Roster, rooms and other capabilities of open sessions (core API 1.1). */
    @Reference
    volatile SessionCapabilities sessions;

    /** Absent in a runtime without the history bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile History history;

    /** Absent in a runtime without the media engine. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AudioLoopTest audioLoopTest;

    /**
     * Absent in a runtime without the contacts plug-in; then its commands are refused. Held as service
     * objects and obtained at the first contacts command, so the agent's start does not open the book.
     */
    private ComponentServiceObjects<ContactCommands> contactCommands;
    private ContactCommands contacts;

    /** Absent in a runtime without the media engine; then no codecs are offered. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile CodecRegistry codecs;

    @Activate
    public Agent(@Reference AccountRegistry accounts, @Reference RegistrationManager registrations,
            @Reference CallManager calls, @Reference PresenceService presence, @Reference MessagingService messaging,
            @Reference EventBroadcaster events) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.calls = calls;
        this.presence = presence;
        this.messaging = messaging;
        this.events = events;
    }
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindContactCommands(ComponentServiceObjects<ContactCommands> objects) {
        contactCommands = objects;
    }

    synchronized void unbindContactCommands(ComponentServiceObjects<ContactCommands> objects) {
        if (contactCommands == objects) {
            if (contacts != null) {
                objects.ungetService(contacts);
            }
            contacts = null;
            contactCommands = null;
        }
    }

    /** The contacts commands, obtained on first use. */
    synchronized ContactCommands contacts() {
        if (contactCommands == null) {
            throw new IllegalStateException("the contacts plug-in is not installed");
        }
        if (contacts == null) {
            contacts = contactCommands.getService();
        }
        return contacts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ProtocolProvider provider) {
        providers.putIfAbsent(provider.protocol(), provider);
        if (connectingAtStart) {
            // a plug-in that arrives after "ready" still gets its accounts connected; not on the DS thread
            Thread.ofVirtual().name("switchboard-agent-connect").start(this::connectDue);
        }
    }

    /**
     * Registers every account whose {@code autoconnect} setting is not {@code false}, now for the
     * installed protocols and later for plug-ins that arrive afterwards; each account once per run
     * (after that, {@code register} and the protocols' own recovery). The states come as
     * {@code registration} events; a dead server ends in FAILED with its reason.
     */
    void connectAtStart() {
        connectingAtStart = true;
        connectDue();
    }

    private synchronized void connectDue() {
        for (Account account : accounts.accounts()) {
            if ("false".equalsIgnoreCase(account.setting(CONNECT_AT_START).orElse("true").strip())
                    || !providers.containsKey(account.protocol())
                    || registrations.state(account.id()).kind() != RegistrationState.Kind.UNREGISTERED
                    || !connectedAtStart.add(account.id())) {
                continue;
            }
            try {
                registrations.register(account.id());
            } catch (RuntimeException refused) {
                String reason = refused.getMessage() == null ? refused.getClass().getSimpleName() : refused.getMessage();
                events.connectRefused(account.id(), reason);
            }
        }
    }

    void removeProvider(ProtocolProvider provider) {
        providers.remove(provider.protocol(), provider);
    }

    Set<String> protocols() {
        return new TreeSet<>(providers.keySet());
    }

    /** The codecs calls may use, in offer order, as SDP rtpmap names. */
    List<String> codecNames() {
        CodecRegistry registry = codecs;
        return registry == null ? List.of() : registry.codecs().stream().map(codec -> codec.info().rtpmap()).toList();
    }

    /** Lets the account's protocol check its settings, when that protocol is installed. */
    void validate(Account account) {
        ProtocolProvider provider = providers.get(account.protocol());
        if (provider != null) {
            provider.validate(account);
        }
    }
}

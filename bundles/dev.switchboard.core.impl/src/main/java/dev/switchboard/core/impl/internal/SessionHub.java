package dev.switchboard.core.impl.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/**
 * Owns the one protocol session of each account and routes what sessions report to the core's
 * managers. A provider that goes away takes its sessions with it: their accounts are reported as
 * having lost their connection, which is the truth the user needs to see.
 */
@Component(service = {SessionHub.class, SessionCapabilities.class})
public class SessionHub implements SessionCapabilities {

    private static final Logger LOG = System.getLogger(SessionHub.class.getName());

    private final AccountRegistry accounts;
    private final Map<String, ProtocolProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, OpenSession> sessions = new ConcurrentHashMap<>();
    private final List<SessionEvents> sinks = new CopyOnWriteArrayList<>();

    private record OpenSession(String protocol, ProtocolSession session) {
    }

    @Activate
    public SessionHub(@Reference AccountRegistry accounts) {
        this.accounts = accounts;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(ProtocolProvider provider) {
        ProtocolProvider earlier = providers.putIfAbsent(provider.protocol(), provider);
        if (earlier != null) {
            LOG.log(Level.WARNING, "two providers for protocol {0}; keeping {1}, ignoring {2}",
                    provider.protocol(), earlier.getClass().getName(), provider.getClass().getName());
        }
    }

    void removeProvider(ProtocolProvider provider) {
        if (!providers.remove(provider.protocol(), provider)) {
            return;
        }
        List<ProtocolSession> leaving = new ArrayList<>();
        sessions.entrySet().removeIf(entry -> {
            if (!entry.getValue().protocol().equals(provider.protocol())) {
                return false;
            }
            accounts.account(entry.getKey()).ifPresent(account -> registrationChanged(account,
                    RegistrationState.connectionLost("the " + provider.protocol() + " plug-in was stopped")));
            leaving.add(entry.getValue().session());
            return true;
        });
        // the plug-in's service is going, its sessions are still open: they hang up their calls and unregister
        // (a plug-in at a higher start level stops before the core, at Quit or on a signal)
        closeTogether(leaving);
    }

    void addSink(SessionEvents sink) {
        sinks.add(sink);
    }

    void removeSink(SessionEvents sink) {
        sinks.remove(sink);
    }

    Optional<ProtocolProvider> provider(String protocol) {
        return Optional.ofNullable(providers.get(protocol));
    }

    /**
     * The account's session, opened on first use.
     *
     * @throws IllegalStateException if no provider serves the account's protocol
     */
    ProtocolSession session(Account account) {
        return sessions.computeIfAbsent(account.id(), id -> {
            ProtocolProvider provider = provider(account.protocol()).orElseThrow(() -> new IllegalStateException(
                    "no " + account.protocol() + " plug-in is installed for account " + id));
            char[] secret = accounts.secret(id).orElse(new char[0]);
            try {
                return new OpenSession(account.protocol(), provider.open(account, secret, listenerFor(account)));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }).session();
    }

    Optional<ProtocolSession> existingSession(String accountId) {
        return Optional.ofNullable(sessions.get(accountId)).map(OpenSession::session);
    }

    @Override
    public <T> Optional<T> capability(String accountId, Class<T> type) {
        return existingSession(accountId).flatMap(session -> session.capability(type));
    }

    /** Closes the account's session, e.g. after its settings changed; the next use opens a new one. */
    void close(String accountId) {
        OpenSession open = sessions.remove(accountId);
        if (open != null) {
            open.session().close();
        }
    }

    @Deactivate
    void closeAll() {
        List<ProtocolSession> leaving = new ArrayList<>();
        sessions.keySet().forEach(id -> Optional.ofNullable(sessions.remove(id)).ifPresent(open -> leaving.add(open.session())));
        closeTogether(leaving);
    }

    /**
     * Closes the sessions side by side and returns when all are closed: each may wait for its server (an
     * unregistration, a BYE), and the stop at Quit or on a signal has only a few seconds for all of them.
     */
    private static void closeTogether(List<ProtocolSession> leaving) {
        List<Thread> closing = leaving.stream()
                .map(session -> Thread.ofVirtual().name("switchboard-session-close").start(session::close))
                .toList();
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void registrationChanged(Account account, RegistrationState state) {
        sinks.forEach(sink -> sink.registrationChanged(account, state));
    }

    private SessionListener listenerFor(Account account) {
        return new SessionListener() {
            @Override
            public void registrationChanged(RegistrationState state) {
                SessionHub.this.registrationChanged(account, state);
            }

            @Override
            public CallLegListener incomingCall(CallLeg leg, Participant caller) {
                for (SessionEvents sink : sinks) {
                    CallLegListener listener = sink.incomingCall(account, leg, caller);
                    if (listener != null) {
                        return listener;
                    }
                }
                LOG.log(Level.ERROR, "no call manager to take a call from {0} on {1}", caller.address(), account.id());
                leg.reject("no call manager");
                return null;
            }

            @Override
            public void messageReceived(Message message) {
                sinks.forEach(sink -> sink.messageReceived(message));
            }

            @Override
            public void presenceChanged(String contact, Presence presence) {
                sinks.forEach(sink -> sink.presenceChanged(account, contact, presence));
            }

            @Override
            public void messageDelivered(String peer, String messageId) {
                sinks.forEach(sink -> sink.messageDelivered(account, peer, messageId));
            }
        };
    }
}

package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/**
 * One IAX2 account's live side: the UDP endpoint (bound on first use), its registration and calls.
 * Incoming calls arrive as NEW on our port, directly or through the server we registered with.
 */
final class Iax2Session implements ProtocolSession, AutoCloseable {
    private static final Logger LOG = System.getLogger(Iax2Session.class.getName());
    private static final AtomicInteger CALL_IDS = new AtomicInteger();

    private final Account account;
    private final Iax2Settings settings;
    private final char[] secret;
    private final SessionListener listener;
    private final CallMedia.Factory media;
    private Iax2Endpoint endpoint;
    private Registration registration;
    private boolean closed;
    /** Calls not yet ended; only the loop thread touches it. */
    private final java.util.Set<Iax2Call> calls = new java.util.HashSet<>();

    Iax2Session(Account account, char[] secret, SessionListener listener, CallMedia.Factory media) {
        this.account = account;
        this.settings = Iax2Settings.of(account);
        this.secret = secret.clone();
        this.listener = listener;
        this.media = media;
    }

    /** The bound endpoint, opened on first use. */
    private synchronized Iax2Endpoint endpoint() throws IOException {
        if (closed) {
            throw new IllegalStateException("IAX2 session of " + account.id() + " is closed");
        }
        if (endpoint == null) {
            endpoint = new Iax2Endpoint(settings.bind(), account.id(), this::incomingCall);
        }
        return endpoint;
    }

    /** The local address the socket is bound to (tests dial it). */
    InetSocketAddress localAddress() throws IOException {
        return endpoint().localAddress();
    }

    private DialogHandler incomingCall(Dialog dialog, FullFrame newFrame) {
        String id = account.id() + "-in-" + CALL_IDS.incrementAndGet();
        Iax2Call call = Iax2Call.incoming(endpoint, settings, dialog, newFrame, media, id,
                incoming -> listener.incomingCall(incoming, incoming.remote()));
        calls.removeIf(known -> known.phase() == Iax2Call.Phase.ENDED);
        calls.add(call);
        return call;
    }

    /**
     * Registers with the server; an account without a server only opens its port for direct calls
     * and is REGISTERED (reachable) once it is bound.
     */
    @Override
    public void register() {
        InetSocketAddress server = settings.server().orElse(null);
        Iax2Endpoint bound;
        try {
            bound = endpoint();
        } catch (IOException e) {
            listener.registrationChanged(RegistrationState.REGISTERING);
            listener.registrationChanged(RegistrationState.failed(e.getMessage()));
            return;
        }
        if (server == null) {
            listener.registrationChanged(RegistrationState.REGISTERING);
            listener.registrationChanged(RegistrationState.REGISTERED);
            return;
        }
        bound.execute(() -> {
            if (registration == null) {
                registration = new Registration(bound, settings, server, secret, this::report);
            }
            registration.start();
        });
    }

    private void report(RegistrationState state) {
        try {
            listener.registrationChanged(state);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "IAX2 " + account.id() + ": registration listener failed", e);
        }
    }

    @Override
    public void unregister() {
        Iax2Endpoint bound;
        synchronized (this) {
            bound = endpoint;
        }
        if (bound == null) {
            return;
        }
        bound.execute(() -> {
            if (registration != null) {
                registration.release(() -> { });
            }
        });
    }

    @Override
    public CallLeg dial(String address, CallLegListener callListener) {
        Iax2Address target = Iax2Address.parse(address, settings.server());
        Iax2Endpoint bound;
        try {
            bound = endpoint();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Iax2Call call = Iax2Call.dial(bound, settings, secret, target, media, callListener,
                account.id() + "-out-" + CALL_IDS.incrementAndGet());
        bound.execute(() -> {
            calls.removeIf(known -> known.phase() == Iax2Call.Phase.ENDED);
            calls.add(call);
        });
        return call;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /** Hangs up every call, releases the registration (REGREL, up to 2 s for its REGACK) and the socket. */
    @Override
    public void close() {
        Iax2Endpoint bound;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            bound = endpoint;
        }
        if (bound != null) {
            CountDownLatch released = new CountDownLatch(1);
            bound.execute(() -> {
                calls.forEach(Iax2Call::closeWithAccount);
                calls.clear();
                if (registration != null) {
                    registration.release(released::countDown);
                } else {
                    released.countDown();
                }
            });
            try {
                if (!released.await(2, TimeUnit.SECONDS)) {
                    LOG.log(Level.DEBUG, "IAX2 {0}: no REGACK for REGREL; closing anyway", account.id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bound.close();
        }
        Arrays.fill(secret, '\0');
    }
}

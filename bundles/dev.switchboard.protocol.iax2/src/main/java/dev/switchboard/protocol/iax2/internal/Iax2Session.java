package dev.switchboard.protocol.iax2.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/**
 * One IAX2 account's live side: the UDP endpoint (bound on first use), its registration and calls.
 * Incoming calls arrive as NEW on our port, directly or through the server we registered with; a
 * direct caller must answer an MD5 challenge with the account's password when it has one. IAX2
 * carries text only inside a call (TEXT frames), so chat with a peer works while a call with it is
 * up: received lines become the core's messages, {@link MessageSender} sends into the call.
 */
final class Iax2Session implements ProtocolSession, MessageSender, AutoCloseable {
    private static final Logger LOG = System.getLogger(Iax2Session.class.getName());
    private static final AtomicInteger CALL_IDS = new AtomicInteger();

    private final Account account;
    private final Iax2Settings settings;
    private final char[] secret;
    private final SessionListener listener;
    private final CallMedia.Factory media;
    private final java.util.function.Supplier<String> challenges;
    private Iax2Endpoint endpoint;
    private Registration registration;
    private boolean closed;
    /** Calls not yet ended, oldest first; only the loop thread touches it. */
    private final List<Iax2Call> calls = new ArrayList<>();

    Iax2Session(Account account, char[] secret, SessionListener listener, CallMedia.Factory media) {
        this(account, secret, listener, media, Iax2Call::randomChallenge);
    }

    /**
     * @param challenges the MD5 challenges put to direct callers; random but for tests that replay a
     *        captured caller, whose answer fits only the challenge it was recorded with
     */
    Iax2Session(Account account, char[] secret, SessionListener listener, CallMedia.Factory media,
            java.util.function.Supplier<String> challenges) {
        this.challenges = challenges;
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
        // the server we register with authenticated its callers itself; anyone else proves our secret
        boolean viaServer = settings.server().map(server -> server.equals(dialog.peer())).orElse(false);
        Iax2Call call = Iax2Call.incoming(endpoint, settings, secret, !viaServer, dialog, newFrame,
                media, id, incoming -> listener.incomingCall(incoming, incoming.remote()), this::textReceived, challenges);
        calls.removeIf(known -> known.phase() == Iax2Call.Phase.ENDED);
        calls.add(call);
        return call;
    }

    /**
     * Registers with the server. An account without a server has nothing to register with: it is
     * REGISTERED as soon as its UDP port is bound, meaning "ready for direct calls on this port"
     * (FAILED when the port cannot be bound; never CONNECTION_LOST, as there is no server to lose;
     * whether a peer is reachable shows per call). The core needs REGISTERED to let it dial.
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
                account.id() + "-out-" + CALL_IDS.incrementAndGet(), this::textReceived);
        bound.execute(() -> {
            calls.removeIf(known -> known.phase() == Iax2Call.Phase.ENDED);
            calls.add(call);
        });
        return call;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return type == MessageSender.class ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** A TEXT frame of a call (loop thread): a chat message from the call's remote address. */
    private void textReceived(Iax2Call call, String text) {
        String peer = call.remote().address();
        listener.messageReceived(new Message(UUID.randomUUID().toString(), account.id(), peer, true, peer, text,
                Instant.now()));
    }

    /**
     * Sends {@code text} into the newest connected call with {@code to} (a call's remote address).
     *
     * @throws IllegalStateException if no call with {@code to} is connected
     */
    @Override
    public Message send(String to, String text) {
        Iax2Endpoint bound;
        synchronized (this) {
            bound = endpoint;
        }
        String peer = to == null ? "" : to.strip();
        Optional<Iax2Call> call = bound == null ? Optional.empty() : bound.call(() -> calls.reversed().stream()
                .filter(candidate -> candidate.carriesText() && candidate.remote().address().equals(peer))
                .findFirst());
        call.orElseThrow(() -> new IllegalStateException(
                "IAX2 carries text only inside a call, and no call with " + peer + " is connected")).sendText(text);
        return new Message(UUID.randomUUID().toString(), account.id(), peer, false, settings.user(), text,
                Instant.now());
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

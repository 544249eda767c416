package dev.switchboard.protocol.h323.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.PasswordHashToken;
import dev.switchboard.protocol.h323.internal.ras.RasClient;
import dev.switchboard.protocol.h323.internal.ras.RasMessage;

/**
 * One H.323 account: the call signalling TCP listener (open from the start, so direct calls reach
 * us), the gatekeeper registration through {@link RasClient} when a gatekeeper is configured (else
 * the account is REGISTERED for direct calls at once), and its calls. All call state lives on one
 * loop thread.
 */
final class H323Session implements ProtocolSession {
    private static final Logger LOG = System.getLogger(H323Session.class.getName());

    private final Account account;
    private final H323Settings settings;
    private final Optional<String> password;
    private final SessionListener listener;
    private final CallMedia.Factory media;
    private final ExecutorService loop;
    private final ServerSocket server;
    private final AtomicInteger callReferences = new AtomicInteger(new java.security.SecureRandom().nextInt(0x7FFF));
    private final List<H323Call> calls = new ArrayList<>();
    private volatile RasClient ras;
    private boolean registeredDirect;
    private volatile boolean closed;

    H323Session(Account account, char[] secret, SessionListener listener, CallMedia.Factory media) throws IOException {
        this.account = account;
        this.settings = H323Settings.of(account);
        this.password = secret.length == 0 ? Optional.empty() : Optional.of(new String(secret));
        this.listener = listener;
        this.media = media;
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "h323-" + account.id());
            t.setDaemon(true);
            return t;
        });
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(settings.bind(), 16);
        Thread.ofVirtual().name("h323-listen-" + account.id()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                if (closed) {
                    socket.close();
                    return;
                }
                H323Call.accept(this, socket);
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.log(Level.WARNING, "H.323 listener of {0}: {1}", account.id(), e.getMessage());
            }
        }
    }

    String accountId() {
        return account.id();
    }

    H323Settings settings() {
        return settings;
    }

    CallMedia.Factory media() {
        return media;
    }

    /** The codecs we offer and accept, best first: the account's {@code codecs} list, else the media engine's order. */
    List<AudioCapability> codecs() {
        List<AudioCapability> available = media.codecs();
        return settings.codecs().map(wanted -> wanted.stream().filter(available::contains).toList()).orElse(available);
    }

    ExecutorService loop() {
        return loop;
    }

    RasClient ras() {
        return ras;
    }

    boolean gatekeeperRegistered() {
        RasClient client = ras;
        return client != null && client.state().kind() == RegistrationState.Kind.REGISTERED;
    }

    int nextCallReference() {
        return callReferences.updateAndGet(v -> v >= 0x7FFF ? 1 : v + 1);
    }

    /** Where we take calls (the bound port when settings asked for any free one). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /**
     * The cryptoTokens of our Setup: the MD5 password hash when the gatekeeper we are registered with
     * chose it, or when the account's {@code setupauth=md5} asks for it on every call.
     */
    List<ChoiceValue> setupCryptoTokens() {
        RasClient client = gatekeeperRegistered() ? ras : null;
        Optional<ChoiceValue> token = client == null ? Optional.empty() : client.passwordHashToken();
        if (token.isEmpty() && settings.setupPasswordHash() && password.isPresent()) {
            token = Optional.of(PasswordHashToken.token(settings.alias(), password.get(), System.currentTimeMillis() / 1000));
        }
        return token.stream().toList();
    }

    /**
     * Why an incoming Setup is refused: {@code securityError} names the H.225.0 SecurityErrors alternative
     * of the ReleaseComplete reason, or is empty for plain securityDenied.
     */
    record SetupRefusal(Optional<String> securityError, String why) {
    }

    /**
     * With {@code setupauth=md5}, checks an incoming Setup's MD5 password hash (H.235): it must be there,
     * fresh, name as its alias (the generalID of the hashed token) one of the Setup's sourceAddress
     * h323-IDs, and verify with our password. Without the setting, every Setup is taken.
     */
    Optional<SetupRefusal> refuseSetup(List<?> cryptoTokens, List<AliasAddress> sourceAddress) {
        if (!settings.setupPasswordHash()) {
            return Optional.empty();
        }
        Optional<SequenceValue> found = PasswordHashToken.find(cryptoTokens);
        if (found.isEmpty() || password.isEmpty()) {
            return Optional.of(new SetupRefusal(Optional.empty(), "the Setup has no H.235 password hash"));
        }
        SequenceValue token = found.get();
        if (!PasswordHashToken.fresh(token, System.currentTimeMillis() / 1000)) {
            return Optional.of(new SetupRefusal(Optional.of("securityWrongSyncTime"),
                    "the Setup's H.235 password hash is more than " + PasswordHashToken.TIME_WINDOW_SECONDS + " s off our clock"));
        }
        Optional<String> alias = PasswordHashToken.alias(token);
        if (alias.isEmpty() || !sourceAddress.contains(new AliasAddress.H323Id(alias.get()))) {
            return Optional.of(new SetupRefusal(Optional.of("securityWrongGeneralID"), "the Setup's H.235 password hash names "
                    + alias.map(a -> "alias '" + a + "'").orElse("no h323-ID") + ", not one of its sourceAddress aliases "
                    + sourceAddress.stream().map(AliasAddress::value).toList()));
        }
        if (!PasswordHashToken.verifies(token, password.get())) {
            return Optional.of(new SetupRefusal(Optional.empty(), "the Setup's H.235 password hash does not verify"));
        }
        return Optional.empty();
    }

    /** On the loop: an incoming call passes the core's policies; null means turned away. */
    CallLegListener announce(H323Call call, Participant caller) {
        calls.add(call);
        return listener.incomingCall(call, caller);
    }

    /** On the loop. */
    void ended(H323Call call) {
        calls.remove(call);
    }

    @Override
    public void register() {
        loop.execute(() -> {
            if (closed) {
                return;
            }
            if (ras != null) {
                // registering again (the core already shows REGISTERING): report where the client stands
                listener.registrationChanged(ras.state());
                return;
            }
            if (settings.gatekeeper().isEmpty()) {
                registeredDirect = true;
                listener.registrationChanged(RegistrationState.REGISTERING);
                listener.registrationChanged(RegistrationState.REGISTERED);
                return;
            }
            try {
                RasClient client = new RasClient(account.id(), new RasClient.Registration(settings.gatekeeper().get(),
                        settings.aliases(), localAddress(), settings.timeToLive(), password), RasClient.Timing.DEFAULT,
                        listener::registrationChanged);
                ras = client;
                client.onGatekeeperDisengage(drq -> loop.execute(() -> gatekeeperDisengaged(drq)));
                client.start();
            } catch (SocketException e) {
                listener.registrationChanged(RegistrationState.REGISTERING);
                listener.registrationChanged(RegistrationState.failed("cannot open the RAS socket: " + e.getMessage()));
            }
        });
    }

    /** On the loop: the gatekeeper's DRQ names a call (by call identifier, else conference and call reference). */
    private void gatekeeperDisengaged(RasMessage.DisengageRequest drq) {
        for (H323Call call : List.copyOf(calls)) {
            if (call.identifiedBy(drq.callIdentifier(), drq.conferenceID(), drq.callReferenceValue())) {
                call.disengagedByGatekeeper(drq.disengageReason());
            }
        }
    }

    @Override
    public void unregister() {
        loop.execute(this::unregisterNow);
    }

    private void unregisterNow() {
        RasClient client = ras;
        ras = null;
        if (client != null) {
            client.close(); // URQ, then UNREGISTERED
        } else if (registeredDirect) {
            registeredDirect = false;
            listener.registrationChanged(RegistrationState.UNREGISTERED);
        }
    }

    /** Where a call goes: the aliases to ask for and, for a direct call, the address. */
    record Target(String label, List<AliasAddress> destination, Optional<InetSocketAddress> direct) {
    }

    /**
     * {@code alias@ip:port}, {@code ip:port}, {@code ip} (port 1720) call directly; an alias or E.164
     * number alone goes through the gatekeeper (ARQ).
     */
    Target target(String address) {
        String target = address.strip();
        if (target.startsWith("h323:")) {
            target = target.substring(5);
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("empty H.323 address");
        }
        String alias = target;
        Optional<InetSocketAddress> direct = Optional.empty();
        int at = target.lastIndexOf('@');
        String host = at >= 0 ? target.substring(at + 1) : target;
        if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}(:[0-9]{1,5})?")) {
            direct = Optional.of(H323Settings.address("address", host, H323Settings.CALL_SIGNALLING_PORT));
            alias = at >= 0 ? target.substring(0, at) : "";
        } else if (at >= 0) {
            throw new IllegalArgumentException("H.323 addresses are alias@IP[:port] (no DNS): " + address);
        }
        if (direct.isEmpty() && settings.gatekeeper().isEmpty()) {
            throw new IllegalArgumentException("without a gatekeeper only alias@IP[:port] or IP[:port] can be called: " + address);
        }
        List<AliasAddress> destination = alias.isEmpty() ? List.of()
                : List.of(alias.matches("[0-9#*,]{1,128}") ? new AliasAddress.DialledDigits(alias) : new AliasAddress.H323Id(alias));
        return new Target(target, destination, direct);
    }

    @Override
    public CallLeg dial(String address, CallLegListener callListener) {
        Target target = target(address);
        H323Call call = H323Call.dial(this, target.label(), target.destination(), target.direct(), callListener);
        loop.execute(() -> calls.add(call));
        return call;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        H323Call.closeQuietly(server);
        loop.execute(() -> {
            for (H323Call call : List.copyOf(calls)) {
                call.hangupOnLoop();
            }
        });
        loop.execute(this::unregisterNow);
        loop.shutdown();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "H.323 session {0} did not stop within 5 s", account.id());
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

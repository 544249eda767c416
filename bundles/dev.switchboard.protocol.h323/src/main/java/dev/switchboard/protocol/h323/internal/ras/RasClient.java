package dev.switchboard.protocol.h323.internal.ras;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.RegistrationStateMachine;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.InfoRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.InfoRequestResponse;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationRequest;

/**
 * The endpoint side of RAS (H.225.0 7.7-7.12) with one gatekeeper found by address: GRQ, full RRQ,
 * lightweight keep-alive RRQs before the granted timeToLive runs out, URQ on stop, ARQ/DRQ for
 * calls, and answers to the gatekeeper's URQ (then a fresh registration), IRQ and DRQ. Requests are
 * retransmitted after {@link Timing#retryInterval()}; when {@link Timing#attempts()} go unanswered
 * the registration is CONNECTION_LOST and discovery starts again after {@link Timing#reconnectDelay()}.
 * All protocol work runs on one scheduler thread, so the state needs no further locking.
 */
public final class RasClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RasClient.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What we offer in the GRQ when we have a password: each is a token we can add to our requests. */
    private static final List<ObjectIdentifier> SECURITY_ALGORITHMS = List.of(H2351Token.HMAC_SHA1_96,
            CiscoAccessToken.TOKEN_OID, PasswordHashToken.MD5);

    /** Retransmission and keep-alive timing; the keep-alive is sent {@code keepAliveMargin} before the TTL ends. */
    public record Timing(Duration retryInterval, int attempts, Duration keepAliveMargin, Duration reconnectDelay) {
        /** H.225.0 suggests 5 s and 2 retries; 3 × 3 s keeps a lost gatekeeper well inside 15 s. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(3), 3, Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    /**
     * What to register: aliases, where we take calls, the TTL to ask for, and the password (if the
     * gatekeeper wants one) for a {@link CiscoAccessToken} on each RRQ and ARQ, an H.235.1 token, and,
     * when the gatekeeper chose it, a {@link PasswordHashToken}, in the name of the first h323-ID.
     */
    public record Registration(InetSocketAddress gatekeeper, List<AliasAddress> aliases,
            InetSocketAddress callSignalAddress, long requestedTimeToLive, Optional<String> password) {
        @Override
        public String toString() {
            return "Registration[" + aliases + " at " + gatekeeper + (password.isPresent() ? ", with password" : "") + "]";
        }
    }

    private enum Phase { IDLE, DISCOVERING, REGISTERING, REGISTERED, UNREGISTERING, CLOSED }

    private record Pending(RasMessage request, byte[] datagram, int attemptsLeft) {
    }

    /** An ARQ or DRQ in flight; several may be, alongside the registration's own request. */
    private record Transaction(RasMessage request, byte[] datagram, CompletableFuture<RasMessage> result) {
    }

    private final Registration registration;
    private final Timing timing;
    private final Consumer<RegistrationState> listener;
    private final RegistrationStateMachine states;
    private final DatagramSocket socket;
    private final ScheduledExecutorService scheduler;
    private final Thread receiver;
    private final CountDownLatch unregistered = new CountDownLatch(1);

    private final Map<Integer, Transaction> calls = new HashMap<>();
    private Phase phase = Phase.IDLE;
    private Pending pending;
    private ScheduledFuture<?> timer;
    private int nextSeqNum = 1;
    private Optional<String> gatekeeperIdentifier = Optional.empty();
    private Optional<String> endpointIdentifier = Optional.empty();
    private long grantedTimeToLive;
    /** Told of a gatekeeper's DisengageRequest (after our DCF): the call it names is to end (H.225.0 7.10). */
    private volatile Consumer<DisengageRequest> disengagedByGatekeeper = drq -> { };
    /** The gatekeeper's GCF chose H.235 MD5 password hashing; read by call signalling threads for the Setup. */
    private volatile boolean passwordHashChosen;

    public RasClient(String accountId, Registration registration, Timing timing, Consumer<RegistrationState> listener)
            throws SocketException {
        this.registration = registration;
        this.timing = timing;
        this.listener = listener;
        this.states = new RegistrationStateMachine(accountId);
        this.socket = new DatagramSocket(new InetSocketAddress(registration.callSignalAddress().getAddress(), 0));
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "h323-ras-" + accountId));
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = executor;
        this.receiver = new Thread(this::receiveLoop, "h323-ras-receive-" + accountId);
        this.receiver.setDaemon(true);
    }

    /** Who ends the calls a gatekeeper disengages; called on the RAS receive thread. */
    public void onGatekeeperDisengage(Consumer<DisengageRequest> consumer) {
        disengagedByGatekeeper = consumer;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public RegistrationState state() {
        return states.current();
    }

    public void start() {
        receiver.start();
        scheduler.execute(this::discover);
    }

    /** Unregisters (URQ, waiting up to one retry interval for the UCF) and releases the socket. */
    @Override
    public void close() {
        scheduler.execute(() -> {
            if (phase == Phase.REGISTERED) {
                phase = Phase.UNREGISTERING;
                send(new UnregistrationRequest(seq(), List.of(registration.callSignalAddress()),
                        registration.aliases(), endpointIdentifier, gatekeeperIdentifier, Optional.empty()), 1);
            } else {
                unregistered.countDown();
            }
        });
        try {
            unregistered.await(timing.retryInterval().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.execute(() -> {
            if (states.current().kind() != RegistrationState.Kind.UNREGISTERED) {
                moveTo(RegistrationState.UNREGISTERED);
            }
            phase = Phase.CLOSED;
            cancelTimer();
            calls.values().forEach(t -> t.result().completeExceptionally(new IllegalStateException("RAS client closed")));
            calls.clear();
        });
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }

    /**
     * Asks the gatekeeper to admit a call (ARQ, H.225.0 7.11). Completes with the AdmissionConfirm or
     * AdmissionReject; exceptionally with {@link RasTimeoutException} when unanswered, or at once with
     * IllegalStateException when not registered.
     */
    public CompletableFuture<RasMessage> admit(List<AliasAddress> destination, Optional<InetSocketAddress> destAddress,
            int callReferenceValue, byte[] conferenceId, byte[] callId, boolean answerCall, long bandWidth) {
        CompletableFuture<RasMessage> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (phase != Phase.REGISTERED || endpointIdentifier.isEmpty()) {
                result.completeExceptionally(new IllegalStateException("not registered with the gatekeeper"));
                return;
            }
            List<AliasAddress> source = answerCall ? destination : registration.aliases();
            AdmissionRequest arq = new AdmissionRequest(seq(), Optional.empty(), endpointIdentifier.get(),
                    answerCall ? registration.aliases() : destination, destAddress, source,
                    Optional.of(registration.callSignalAddress()), bandWidth, callReferenceValue, conferenceId,
                    answerCall, Optional.of(callId), gatekeeperIdentifier, authenticationTokens());
            startTransaction(arq, result);
        });
        return result;
    }

    /** Tells the gatekeeper a call has ended (DRQ, H.225.0 7.12); completes with DisengageConfirm/Reject. */
    public CompletableFuture<RasMessage> disengage(int callReferenceValue, byte[] conferenceId, byte[] callId,
            boolean answeredCall) {
        CompletableFuture<RasMessage> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            if (endpointIdentifier.isEmpty()) {
                result.completeExceptionally(new IllegalStateException("not registered with the gatekeeper"));
                return;
            }
            startTransaction(new DisengageRequest(seq(), endpointIdentifier.get(), conferenceId, callReferenceValue,
                    "normalDrop", Optional.of(callId), gatekeeperIdentifier, answeredCall), result);
        });
        return result;
    }

    private void startTransaction(RasMessage request, CompletableFuture<RasMessage> result) {
        Transaction t = new Transaction(request, protect(request), result);
        calls.put(request.requestSeqNum(), t);
        transmit(t, timing.attempts());
    }

    private void transmit(Transaction t, int attemptsLeft) {
        try {
            socket.send(new DatagramPacket(t.datagram(), t.datagram().length, registration.gatekeeper()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RAS send to {0} failed: {1}", registration.gatekeeper(), e.getMessage());
        }
        scheduler.schedule(() -> {
            if (calls.get(t.request().requestSeqNum()) != t) {
                return; // answered
            }
            if (attemptsLeft > 1) {
                transmit(t, attemptsLeft - 1);
            } else {
                calls.remove(t.request().requestSeqNum());
                t.result().completeExceptionally(new RasTimeoutException(
                        "gatekeeper " + registration.gatekeeper() + " did not answer " + t.request().getClass().getSimpleName()));
            }
        }, timing.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean completesCall(RasMessage response) {
        Transaction t = calls.remove(response.requestSeqNum());
        if (t == null) {
            return false;
        }
        t.result().complete(response);
        return true;
    }

    private void discover() {
        if (states.current().kind() != RegistrationState.Kind.REGISTERING) {
            moveTo(RegistrationState.REGISTERING);
        }
        phase = Phase.DISCOVERING;
        boolean secured = registration.password().isPresent();
        send(new GatekeeperRequest(seq(), localAddress(), Optional.empty(), registration.aliases(),
                secured ? List.of("pwdHash") : List.of(), secured ? SECURITY_ALGORITHMS : List.of()), timing.attempts());
    }

    private void register(boolean keepAlive) {
        phase = keepAlive ? Phase.REGISTERED : Phase.REGISTERING;
        send(new RegistrationRequest(seq(), true, List.of(registration.callSignalAddress()), List.of(localAddress()),
                keepAlive ? List.of() : registration.aliases(), gatekeeperIdentifier,
                Optional.of(keepAlive ? grantedTimeToLive : registration.requestedTimeToLive()), keepAlive,
                keepAlive ? endpointIdentifier : Optional.empty(), authenticationTokens()), timing.attempts());
    }

    private Optional<String> user() {
        return registration.aliases().stream().filter(AliasAddress.H323Id.class::isInstance).map(AliasAddress::value)
                .findFirst();
    }

    private List<SequenceValue> authenticationTokens() {
        Optional<String> user = user();
        if (registration.password().isEmpty() || user.isEmpty()) {
            return List.of();
        }
        return List.of(CiscoAccessToken.token(user.get(), registration.password().get(),
                System.currentTimeMillis() / 1000, RANDOM.nextInt(256)));
    }

    /**
     * A fresh H.235 MD5 password hash token (cryptoEPPwdHash) for a RAS request or a Setup, when the
     * gatekeeper chose that authentication in its GCF and we have a password and an h323-ID.
     */
    public Optional<ChoiceValue> passwordHashToken() {
        Optional<String> user = user();
        if (!passwordHashChosen || registration.password().isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PasswordHashToken.token(user.get(), registration.password().get(),
                System.currentTimeMillis() / 1000));
    }

    /**
     * The encoded request, with an H.235.1 integrity token (HMAC-SHA1-96 keyed by the password) once
     * the gatekeeper is known, as h323plus sends it: a gatekeeper with H.235.1 on checks it, one
     * without ignores it. The sender is our alias until the gatekeeper gave us an endpoint identifier.
     * The MD5 password hash token, when the gatekeeper chose it, goes in first, so that the H.235.1
     * hash (over the whole message) covers it.
     */
    private byte[] protect(RasMessage request) {
        byte[] datagram = RasCodec.encode(request);
        if (request instanceof GatekeeperRequest) {
            return datagram;
        }
        Optional<ChoiceValue> passwordHash = passwordHashToken();
        if (passwordHash.isPresent()) {
            datagram = PasswordHashToken.addTo(datagram, passwordHash.get());
        }
        if (registration.password().isEmpty() || gatekeeperIdentifier.isEmpty() || registration.aliases().isEmpty()) {
            return datagram;
        }
        boolean fullRegistration = request instanceof RegistrationRequest rrq && !rrq.keepAlive();
        String sender = endpointIdentifier.filter(id -> !fullRegistration)
                .orElseGet(() -> registration.aliases().getFirst().value());
        return H2351Token.sign(datagram, registration.password().get(), gatekeeperIdentifier.get(), sender,
                System.currentTimeMillis() / 1000, RANDOM.nextInt(Integer.MAX_VALUE));
    }

    private int seq() {
        int s = nextSeqNum;
        nextSeqNum = nextSeqNum == 65535 ? 1 : nextSeqNum + 1;
        return s;
    }

    private void send(RasMessage request, int attempts) {
        cancelTimer();
        pending = new Pending(request, protect(request), attempts);
        transmit();
    }

    private void transmit() {
        Pending p = pending;
        try {
            socket.send(new DatagramPacket(p.datagram(), p.datagram().length, registration.gatekeeper()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RAS send to {0} failed: {1}", registration.gatekeeper(), e.getMessage());
        }
        pending = new Pending(p.request(), p.datagram(), p.attemptsLeft() - 1);
        timer = scheduler.schedule(this::onTimeout, timing.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onTimeout() {
        if (pending == null) {
            return;
        }
        if (pending.attemptsLeft() > 0) {
            transmit();
            return;
        }
        pending = null;
        if (phase == Phase.UNREGISTERING) {
            unregistered.countDown();
            return;
        }
        moveTo(RegistrationState.connectionLost("gatekeeper " + registration.gatekeeper() + " does not answer"));
        phase = Phase.IDLE;
        timer = scheduler.schedule(this::discover, timing.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            byte[] datagram = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            try {
                RasMessage message = RasCodec.decode(datagram);
                boolean forged = registration.password().flatMap(password -> H2351Token.verify(datagram, password))
                        .filter(valid -> !valid).isPresent();
                scheduler.execute(() -> {
                    if (forged) {
                        rejectForged(message, from);
                    } else {
                        handle(message, from);
                    }
                });
            } catch (PerException e) {
                LOG.log(Level.WARNING, "malformed RAS datagram from {0} ignored: {1}", from, e.getMessage());
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    private boolean answers(RasMessage response) {
        return pending != null && pending.request().requestSeqNum() == response.requestSeqNum();
    }

    private void handle(RasMessage message, InetSocketAddress from) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (!from.equals(registration.gatekeeper())) {
            LOG.log(Level.WARNING, "RAS message from {0}, not our gatekeeper, ignored", from);
            return;
        }
        switch (message) {
            case GatekeeperConfirm gcf when answers(gcf) && phase == Phase.DISCOVERING -> {
                settle();
                gatekeeperIdentifier = gcf.gatekeeperIdentifier();
                passwordHashChosen = gcf.choosesPasswordHash();
                register(false);
            }
            case GatekeeperReject grj when answers(grj) && phase == Phase.DISCOVERING -> fail("gatekeeper rejected discovery: " + grj.rejectReason());
            case RegistrationConfirm rcf when answers(rcf) -> {
                boolean wasKeepAlive = phase == Phase.REGISTERED;
                settle();
                endpointIdentifier = Optional.of(rcf.endpointIdentifier());
                grantedTimeToLive = rcf.timeToLive().orElse(registration.requestedTimeToLive());
                phase = Phase.REGISTERED;
                if (!wasKeepAlive) {
                    moveTo(RegistrationState.REGISTERED);
                }
                scheduleKeepAlive();
            }
            case RegistrationReject rrj when answers(rrj) -> {
                settle();
                if (phase == Phase.REGISTERED && "fullRegistrationRequired".equals(rrj.rejectReason())) {
                    moveTo(RegistrationState.REGISTERING);
                    register(false);
                } else {
                    fail("gatekeeper rejected registration: " + rrj.rejectReason());
                }
            }
            case UnregistrationConfirm ucf when answers(ucf) && phase == Phase.UNREGISTERING -> {
                settle();
                unregistered.countDown();
            }
            case UnregistrationReject urj when answers(urj) && phase == Phase.UNREGISTERING -> {
                settle();
                unregistered.countDown();
            }
            case AdmissionConfirm acf when completesCall(acf) -> { }
            case AdmissionReject arj when completesCall(arj) -> { }
            case DisengageConfirm dcf when completesCall(dcf) -> { }
            case DisengageReject drj when completesCall(drj) -> { }
            case UnregistrationRequest urq -> onGatekeeperUnregistration(urq, from);
            case InfoRequest irq -> reply(new InfoRequestResponse(irq.requestSeqNum(), endpointIdentifier.orElse("-"),
                    localAddress(), List.of(registration.callSignalAddress()), registration.aliases(), false, false), from);
            case DisengageRequest drq -> {
                reply(new DisengageConfirm(drq.requestSeqNum()), from);
                disengagedByGatekeeper.accept(drq);
            }
            default -> LOG.log(Level.DEBUG, "RAS message not expected now, ignored: {0}", message);
        }
    }

    /**
     * A message whose H.235.1 integrity token does not match our password (H.235.1: the gatekeeper signs
     * its confirms and rejects with the shared secret): altered on the way, or not from our gatekeeper.
     * An answer to our request ends that request with a clear error; a request is not obeyed.
     */
    private void rejectForged(RasMessage message, InetSocketAddress from) {
        if (phase == Phase.CLOSED || !from.equals(registration.gatekeeper())) {
            return;
        }
        String why = "the gatekeeper's " + message.getClass().getSimpleName()
                + " failed its H.235.1 integrity check (password mismatch or altered message)";
        LOG.log(Level.WARNING, "RAS: {0}", why);
        if (answers(message)) {
            if (phase == Phase.UNREGISTERING) {
                settle();
                unregistered.countDown();
            } else {
                fail(why);
            }
            return;
        }
        Transaction t = calls.remove(message.requestSeqNum());
        if (t != null) {
            t.result().completeExceptionally(new SecurityException(why));
        }
    }

    /** H.225.0 7.10: the gatekeeper may cancel the registration; we confirm and register afresh. */
    private void onGatekeeperUnregistration(UnregistrationRequest urq, InetSocketAddress from) {
        reply(new UnregistrationConfirm(urq.requestSeqNum()), from);
        if (phase == Phase.REGISTERED) {
            cancelTimer();
            pending = null;
            moveTo(RegistrationState.REGISTERING);
            endpointIdentifier = Optional.empty();
            register(false);
        }
    }

    private void reply(RasMessage answer, InetSocketAddress to) {
        byte[] datagram = RasCodec.encode(answer);
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RAS reply to {0} failed: {1}", to, e.getMessage());
        }
    }

    private void settle() {
        cancelTimer();
        pending = null;
    }

    private void fail(String reason) {
        settle();
        phase = Phase.IDLE;
        moveTo(RegistrationState.failed(reason));
    }

    private void scheduleKeepAlive() {
        long ttlMillis = grantedTimeToLive * 1000;
        long delay = Math.max(ttlMillis / 2, ttlMillis - timing.keepAliveMargin().toMillis());
        timer = scheduler.schedule(() -> register(true), delay, TimeUnit.MILLISECONDS);
    }

    private void moveTo(RegistrationState next) {
        states.moveTo(next);
        listener.accept(next);
    }
}

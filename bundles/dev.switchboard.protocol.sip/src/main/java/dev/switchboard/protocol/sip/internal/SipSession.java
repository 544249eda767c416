package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;
import dev.switchboard.media.session.ConferenceMixer;
import dev.switchboard.media.session.MediaSessionFactory;
import gov.nist.javax.sip.IOExceptionEventExt;

/**
 * The SIP side of one account: its own jain-sip stack and a single worker thread on which every stack event
 * and every command runs, so registration and calls are state machines without locks.
 */
final class SipSession implements ProtocolSession, SipListener {

    static final String ALLOWED_METHODS = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, SUBSCRIBE";
    private static final Logger LOG = System.getLogger(SipSession.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    /** How long leaving waits for the servers' final NOTIFYs of our event subscriptions before unregistering. */
    static final Duration UNSUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private final String accountId;
    private final SipAccountSettings settings;
    private final SessionListener listener;
    private final ScheduledExecutorService worker;
    private final SipEndpoint endpoint;
    private final DigestCredentials credentials;
    private final SipRegistration registration;
    private final SipMessageWaiting messageWaiting;
    private final SipBusyLamps busyLamps;
    private final java.util.function.Supplier<MediaSessionFactory> media;
    private final java.util.function.Supplier<ConferenceMixer> mixer;
    /** Calls by Call-ID; touched only on the worker thread. */
    private final Map<String, SipCall> calls = new HashMap<>();
    /** Subscriptions ended, then the binding removed; null until the first unregister (worker thread only). */
    private CompletableFuture<Void> leaving;
    private volatile Thread workerThread;
    private volatile boolean closed;

    private SipSession(String accountId, SipAccountSettings settings, SessionListener listener,
            ScheduledExecutorService worker, SipEndpoint endpoint, DigestCredentials credentials,
            java.util.function.Supplier<MediaSessionFactory> media, java.util.function.Supplier<ConferenceMixer> mixer) {
        this.accountId = accountId;
        this.media = media;
        this.mixer = mixer;
        this.settings = settings;
        this.listener = listener;
        this.worker = worker;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.messageWaiting = new SipMessageWaiting(accountId, settings, endpoint, credentials, worker);
        this.busyLamps = new SipBusyLamps(accountId, settings, endpoint, credentials, listener, worker);
        this.registration = new SipRegistration(accountId, settings, endpoint, credentials,
                new RegistrationWatcher(listener, messageWaiting, busyLamps), worker);
    }

    /**
     * Opens the account's stack. Nothing is sent until {@link #register()}.
     *
     * @throws IllegalStateException if the stack cannot listen (reported to the user by the core)
     */
    static SipSession open(String accountId, SipAccountSettings settings, char[] secret, SessionListener listener,
            java.util.function.Supplier<MediaSessionFactory> media, java.util.function.Supplier<ConferenceMixer> mixer) {
        SipSession[] created = new SipSession[1];
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sip-" + accountId);
            thread.setDaemon(true);
            return thread;
        });
        DigestCredentials credentials = new DigestCredentials(settings.authUser(), secret);
        SipListener dispatcher = new Dispatcher(worker, () -> created[0]);
        try {
            SipEndpoint endpoint = SipEndpoint.open(accountId, settings, dispatcher);
            created[0] = new SipSession(accountId, settings, listener, worker, endpoint, credentials, media, mixer);
            worker.execute(() -> created[0].workerThread = Thread.currentThread());
            return created[0];
        } catch (IOException e) {
            worker.shutdownNow();
            credentials.clear();
            throw new IllegalStateException("SIP account " + accountId + ": " + e.getMessage(), e);
        }
    }

    SipAccountSettings settings() {
        return settings;
    }

    SipEndpoint endpoint() {
        return endpoint;
    }

    DigestCredentials credentials() {
        return credentials;
    }

    /** The media engine's conference mixer, or null while none is installed. */
    ConferenceMixer conferenceMixer() {
        return mixer.get();
    }

    /** Runs {@code task} on the worker thread: now when already there, else queued in order. */
    void run(Runnable task) {
        if (Thread.currentThread() == workerThread) {
            task.run();
        } else {
            onWorker(task);
        }
    }

    void schedule(Runnable task, Duration delay) {
        if (!closed) {
            worker.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void track(SipCall call, String callId) {
        calls.put(callId, call);
    }

    void untrack(String callId, SipCall call) {
        if (callId != null) {
            calls.remove(callId, call);
        }
    }

    // ---- ProtocolSession ----

    @Override
    public void register() {
        onWorker(registration::register);
    }

    @Override
    public void unregister() {
        onWorker(this::leave);
    }

    /**
     * Ends the busy lamp and mailbox subscriptions (RFC 6665: SUBSCRIBE with Expires 0, waiting up to
     * {@link #UNSUBSCRIBE_TIMEOUT} for the final NOTIFYs, which need our binding to reach us), then unregisters. The
     * core unregisters and then closes; both come here and share one future. Worker thread.
     */
    private CompletableFuture<Void> leave() {
        if (leaving != null && !leaving.isDone()) {
            return leaving;
        }
        CompletableFuture<Void> subscriptionsEnded = CompletableFuture.allOf(messageWaiting.unsubscribe(),
                busyLamps.unsubscribe());
        if (!subscriptionsEnded.isDone()) {
            worker.schedule(() -> {
                if (subscriptionsEnded.complete(null)) {
                    LOG.log(Level.INFO, "account {0}: no final NOTIFY within {1} ms, unregistering anyway", accountId,
                            UNSUBSCRIBE_TIMEOUT.toMillis());
                }
            }, UNSUBSCRIBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        // completed on the worker thread (a NOTIFY, an answer, the timeout above, or already now), where the
        // registration runs
        leaving = subscriptionsEnded.thenCompose(ended -> registration.unregister());
        return leaving;
    }

    @Override
    public CallLeg dial(String address, CallLegListener legListener) {
        String target = settings.targetUri(address);
        MediaSessionFactory factory = media.get();
        if (factory == null) {
            throw new IllegalStateException("no media engine is installed, so SIP cannot place calls");
        }
        SipCall call = SipCall.dial(this, factory, target, legListener);
        onWorker(call::start);
        return call;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == dev.switchboard.core.account.MessageWaiting.class) {
            return Optional.of(type.cast(messageWaiting));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        CompletableFuture<CompletableFuture<Void>> unregistering = new CompletableFuture<>();
        onWorker(() -> {
            List.copyOf(calls.values()).forEach(SipCall::closeForShutdown);
            unregistering.complete(leave());
        });
        try {
            unregistering.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(UNSUBSCRIBE_TIMEOUT.plus(CLOSE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "account {0}: unregistration did not finish before closing: {1}", accountId,
                    e.toString());
        }
        closed = true;
        worker.shutdownNow();
        endpoint.close();
        credentials.clear();
    }

    private void onWorker(Runnable task) {
        if (closed) {
            return;
        }
        worker.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "account " + accountId + ": SIP event handling failed", e);
            }
        });
    }

    // ---- SipListener, on the worker thread (through the Dispatcher) ----

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (request.getRequestURI().getScheme().equalsIgnoreCase("sips")
                && settings.transport() != SipAccountSettings.Transport.TLS
                && !method.equals(Request.ACK)) {
            // RFC 5630 section 3.1.3: a sips: request that reached us over a non-TLS hop is refused
            respond(event, Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        SipCall call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        switch (method) {
            case Request.OPTIONS -> answerOptions(event);
            case Request.ACK -> {
                if (call != null) {
                    call.acknowledged(request);
                }
            }
            case Request.CANCEL -> {
                if (call != null) {
                    call.cancelled(event);
                } else {
                    respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            }
            case Request.INVITE -> {
                if (call != null) {
                    call.requestInDialog(event);
                } else if (hasToTag(request)) {
                    respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                } else if (SipCall.replacing(request).isPresent()) {
                    // RFC 3891: the INVITE takes the place of the dialog it names, or is answered 481
                    SipCall replaced = calls.get(SipCall.replacing(request).get().callId());
                    if (replaced == null || !replaced.replaceWith(event)) {
                        respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    }
                } else {
                    incomingCall(event);
                }
            }
            case Request.BYE, Request.UPDATE, Request.INFO, Request.NOTIFY, Request.REFER, Request.SUBSCRIBE -> {
                if (call != null) {
                    call.requestInDialog(event);
                } else if (method.equals(Request.NOTIFY) && SipMessageWaiting.isMessageSummary(request)) {
                    // in our mailbox subscription, or unsolicited (RFC 3842 section 5)
                    messageWaiting.notified(event, this::respond);
                } else if (method.equals(Request.NOTIFY) && SipBusyLamps.isDialogEvent(request)) {
                    busyLamps.notified(event, this::respond);
                } else if (method.equals(Request.NOTIFY)) {
                    // another event package nobody here subscribed to: accepted and dropped
                    respond(event, Response.OK);
                } else {
                    respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            }
            default -> respond(event, Response.NOT_IMPLEMENTED);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction transaction = event.getClientTransaction();
        if (registration.responseReceived(transaction, response)
                || messageWaiting.responseReceived(transaction, response)
                || busyLamps.responseReceived(transaction, response)) {
            return;
        }
        SipCall call = calls.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (call != null) {
            call.responseReceived(transaction, response);
            return;
        }
        LOG.log(Level.DEBUG, "account {0}: stray response {1}", accountId, SipRegistration.statusLine(response));
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        if (registration.transactionFailed(transaction, "no answer from registrar " + settings.nextHop())
                || messageWaiting.transactionFailed(transaction) || busyLamps.transactionFailed(transaction)) {
            return;
        }
        if (transaction != null) {
            Request request = transaction.getRequest();
            SipCall call = calls.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
            if (call != null && (request.getMethod().equals(Request.INVITE) || request.getMethod().equals(Request.BYE)
                    || request.getMethod().equals(Request.UPDATE))) {
                call.failed(transaction, "no answer to " + request.getMethod());
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        String reason;
        if (event instanceof IOExceptionEventExt extended
                && extended.getReason() == IOExceptionEventExt.Reason.KeepAliveTimeout) {
            reason = "registrar " + settings.nextHop() + " stopped answering keep-alives";
        } else {
            reason = "connection to " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport() + " failed";
        }
        if (event.getPort() == endpoint.nextHop.getPort()
                && endpoint.nextHop.getAddress().getHostAddress().equals(event.getHost())) {
            registration.transportFailed(reason);
        } else {
            LOG.log(Level.INFO, "account {0}: {1}", accountId, reason);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions are tracked by their owners, which already saw the final response or timeout
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // calls end on BYE/CANCEL/final responses, before the stack forgets the dialog
    }

    private void incomingCall(RequestEvent event) {
        MediaSessionFactory factory = media.get();
        if (factory == null) {
            LOG.log(Level.WARNING, "account {0}: call refused, no media engine is installed", accountId);
            respond(event, Response.TEMPORARILY_UNAVAILABLE);
            return;
        }
        SipCall call;
        try {
            call = SipCall.offered(this, factory, event);
        } catch (SipException e) {
            LOG.log(Level.WARNING, "account {0}: cannot take an INVITE: {1}", accountId, e.getMessage());
            return;
        }
        calls.put(call.callId(), call);
        if (!call.acceptOffer()) {
            return;
        }
        CallLegListener legListener = listener.incomingCall(call, call.remote());
        call.ring(legListener);
    }

    private static boolean hasToTag(Request request) {
        javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) request.getHeader(javax.sip.header.ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    private void answerOptions(RequestEvent event) {
        try {
            Response response = endpoint.messages.createResponse(Response.OK, event.getRequest());
            AllowHeader allow = endpoint.headers.createAllowHeader(ALLOWED_METHODS);
            response.addHeader(allow);
            response.addHeader(endpoint.headers.createAcceptHeader("application", "sdp"));
            response.addHeader(endpoint.userAgent());
            send(event, response);
        } catch (ParseException e) {
            LOG.log(Level.ERROR, "cannot answer OPTIONS: {0}", e.getMessage());
        }
    }

    /** Answers a request statelessly-enough for the cases that need no dialog. */
    void respond(RequestEvent event, int status) {
        try {
            Response response = endpoint.messages.createResponse(status, event.getRequest());
            if (status == Response.NOT_IMPLEMENTED || status == Response.METHOD_NOT_ALLOWED) {
                response.addHeader(endpoint.headers.createAllowHeader(ALLOWED_METHODS));
            }
            send(event, response);
        } catch (ParseException e) {
            LOG.log(Level.ERROR, "cannot answer {0}: {1}", event.getRequest().getMethod(), e.getMessage());
        }
    }

    private void send(RequestEvent event, Response response) {
        try {
            ServerTransaction transaction = event.getServerTransaction();
            if (transaction == null) {
                endpoint.provider.sendResponse(response);
            } else {
                transaction.sendResponse(response);
            }
        } catch (SipException | javax.sip.InvalidArgumentException e) {
            LOG.log(Level.WARNING, "account {0}: cannot send {1}: {2}", accountId, response.getStatusCode(),
                    e.getMessage());
        }
    }

    /**
     * Passes registration reports on to the core and starts or forgets the mailbox and busy lamp subscriptions with
     * them (all on the worker thread, where the registration reports).
     */
    private record RegistrationWatcher(SessionListener core, SipMessageWaiting messageWaiting, SipBusyLamps busyLamps)
            implements SessionListener {

        @Override
        public void registrationChanged(dev.switchboard.core.account.RegistrationState state) {
            core.registrationChanged(state);
            if (state.kind() == dev.switchboard.core.account.RegistrationState.Kind.REGISTERED) {
                messageWaiting.registered();
                busyLamps.registered();
            } else if (state.kind() != dev.switchboard.core.account.RegistrationState.Kind.REGISTERING) {
                messageWaiting.unregistered();
                busyLamps.unregistered();
            }
        }

        @Override
        public CallLegListener incomingCall(CallLeg leg, dev.switchboard.core.call.Participant caller) {
            return core.incomingCall(leg, caller);
        }

        @Override
        public void messageReceived(dev.switchboard.core.messaging.Message message) {
            core.messageReceived(message);
        }

        @Override
        public void presenceChanged(String contact, dev.switchboard.core.presence.Presence presence) {
            core.presenceChanged(contact, presence);
        }

        @Override
        public void messageDelivered(String peer, String messageId) {
            core.messageDelivered(peer, messageId);
        }
    }

    /**
     * Moves every stack callback onto the session's worker thread; stack threads return at once, and an
     * exception from our handling never reaches the stack.
     */
    private record Dispatcher(ScheduledExecutorService worker, java.util.function.Supplier<SipSession> session)
            implements SipListener {

        private void dispatch(java.util.function.Consumer<SipSession> handler) {
            if (worker.isShutdown()) {
                return;
            }
            try {
                worker.execute(() -> {
                    SipSession target = session.get();
                    if (target == null || target.closed) {
                        return;
                    }
                    try {
                        handler.accept(target);
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "SIP event handling failed", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the session is closing
            }
        }

        @Override
        public void processRequest(RequestEvent event) {
            dispatch(target -> target.processRequest(event));
        }

        @Override
        public void processResponse(ResponseEvent event) {
            dispatch(target -> target.processResponse(event));
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            dispatch(target -> target.processTimeout(event));
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            dispatch(target -> target.processIOException(event));
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            dispatch(target -> target.processTransactionTerminated(event));
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            dispatch(target -> target.processDialogTerminated(event));
        }
    }
}

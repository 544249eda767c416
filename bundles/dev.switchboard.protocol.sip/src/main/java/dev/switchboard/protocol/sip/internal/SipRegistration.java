package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.account.RegistrationStateMachine;
import dev.switchboard.core.spi.SessionListener;

/**
 * The REGISTER side of one account, one explicit state machine driven on the session's single worker thread:
 * <pre>
 *  IDLE --register--> REGISTERING --2xx--> REGISTERED --refresh 2xx--> REGISTERED
 *                        |  401/407: answer the challenge (a second challenge to fresh credentials = FAILED)
 *                        |  423: retry with Min-Expires
 *                        |  other final: FAILED (5xx/408/480 retried with backoff)
 *  REGISTERING/REGISTERED --no answer / connection error / keep-alive lost--> RECOVERING (CONNECTION_LOST)
 *  RECOVERING --retry after backoff, 2xx--> REGISTERED
 *  any --unregister--> UNREGISTERING --answer or timeout--> IDLE
 * </pre>
 * What the core sees is reported through the {@link SessionListener}, only along edges the core's
 * {@link RegistrationStateMachine} allows (a recovery from CONNECTION_LOST passes REGISTERING on its way to
 * REGISTERED). Keep-alives run while REGISTERED: OPTIONS on UDP, CRLF ping with pong timeout on TCP, so a dead
 * registrar shows as CONNECTION_LOST within {@code keepalive + }{@link #ANSWER_TIMEOUT}.
 */
final class SipRegistration {

    /** How long a REGISTER or keep-alive may stay unanswered before the registrar counts as unreachable. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(4);
    /**
     * How long an unregistration may stay unanswered: leaving happens as the program ends (Quit, a logout's SIGTERM,
     * which allows only a few seconds in all), and a registrar that does not answer keeps the binding until it expires.
     */
    static final Duration UNREGISTER_ANSWER_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = System.getLogger(SipRegistration.class.getName());
    private static final int MAX_CHALLENGE_ROUNDS = 3;
    private static final int FAST_RETRIES = 30;

    enum Phase {
        IDLE, REGISTERING, REGISTERED, RECOVERING, FAILED, UNREGISTERING
    }

    private final String accountId;
    private final SipAccountSettings settings;
    private final SipEndpoint endpoint;
    private final DigestCredentials credentials;
    private final SessionListener listener;
    private final ScheduledExecutorService worker;
    private final String callId;
    private final String fromTag;

    private Phase phase = Phase.IDLE;
    private RegistrationState reported = RegistrationState.UNREGISTERED;
    private long cseq;
    private int requestedExpires;
    private ClientTransaction pendingRegister;
    private boolean pendingCarriesFreshCredentials;
    private int challengeRounds;
    private int minExpiresRounds;
    private DigestChallenge lastChallenge;
    /** The last challenge came in a 407, so credentials go in Proxy-Authorization. */
    private boolean challengeWasProxy;
    /** FAILED after a refusal the server may lift, so a retry is scheduled. */
    private boolean retrying;
    private ClientTransaction pendingKeepAlive;
    private ScheduledFuture<?> answerTimer;
    private ScheduledFuture<?> refreshTimer;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> retryTimer;
    private int consecutiveFailures;
    private CompletableFuture<Void> unregistered = CompletableFuture.completedFuture(null);

    SipRegistration(String accountId, SipAccountSettings settings, SipEndpoint endpoint, DigestCredentials credentials,
            SessionListener listener, ScheduledExecutorService worker) {
        this.accountId = accountId;
        this.settings = settings;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.listener = listener;
        this.worker = worker;
        this.callId = endpoint.provider.getNewCallId().getCallId();
        this.fromTag = Long.toHexString(Double.doubleToLongBits(Math.random()));
        this.requestedExpires = settings.expiresSeconds();
    }

    Phase phase() {
        return phase;
    }

    /** The challenge last answered, for requests (INVITE, OPTIONS) that want credentials pre-emptively. */
    Optional<DigestChallenge> lastChallenge() {
        return Optional.ofNullable(lastChallenge);
    }

    // ---- commands (worker thread) ----

    void register() {
        switch (phase) {
            case REGISTERING, REGISTERED, UNREGISTERING -> {
                // already on its way; a second register() changes nothing
            }
            case IDLE, FAILED, RECOVERING -> {
                cancel(retryTimer);
                consecutiveFailures = 0;
                challengeRounds = 0;
                minExpiresRounds = 0;
                phase = Phase.REGISTERING;
                report(RegistrationState.REGISTERING);
                sendRegister(requestedExpires);
            }
        }
    }

    /** Removes our binding (if we have one) and reports UNREGISTERED; the returned future completes when done. */
    CompletableFuture<Void> unregister() {
        if (phase == Phase.UNREGISTERING) {
            // the core unregisters and then closes the session: the REGISTER with expires 0 already on its way
            // must stay the pending one, or its 200 goes unmatched and close() waits out its timeout
            return unregistered;
        }
        cancelTimers();
        boolean bound = phase == Phase.REGISTERED || phase == Phase.REGISTERING;
        terminate(pendingKeepAlive);
        pendingKeepAlive = null;
        terminate(pendingRegister);
        pendingRegister = null;
        report(RegistrationState.UNREGISTERED);
        if (!bound) {
            phase = Phase.IDLE;
            return CompletableFuture.completedFuture(null);
        }
        phase = Phase.UNREGISTERING;
        unregistered = new CompletableFuture<>();
        challengeRounds = 0;
        sendRegister(0);
        return unregistered;
    }

    // ---- events from the stack (worker thread) ----

    /** @return whether the response belonged to this registration */
    boolean responseReceived(ClientTransaction transaction, Response response) {
        if (transaction != null && transaction == pendingKeepAlive) {
            keepAliveAnswered();
            return true;
        }
        if (transaction == null || transaction != pendingRegister) {
            return isOurs(response);
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        cancel(answerTimer);
        pendingRegister = null;
        if (phase == Phase.UNREGISTERING) {
            unregisterAnswered(response);
        } else if (status < 300) {
            registered(response);
        } else if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
            challenged(response);
        } else if (status == Response.INTERVAL_TOO_BRIEF) {
            intervalTooBrief(response);
        } else if (status == Response.FORBIDDEN) {
            fail("authentication failed: " + statusLine(response), false, null);
        } else if (status == Response.REQUEST_TIMEOUT || status == Response.TEMPORARILY_UNAVAILABLE || status >= 500
                && status < 600) {
            fail(statusLine(response), true, response);
        } else {
            fail("registrar refused: " + statusLine(response), false, null);
        }
        return true;
    }

    /** A transaction of ours timed out in the stack, or the stack could not send. */
    boolean transactionFailed(ClientTransaction transaction, String reason) {
        if (transaction != null && (transaction == pendingRegister || transaction == pendingKeepAlive)) {
            lost(reason);
            return true;
        }
        return false;
    }

    /** The connection to the next hop broke (TCP) or a keep-alive pong did not come. */
    void transportFailed(String reason) {
        if (phase == Phase.REGISTERED || phase == Phase.REGISTERING) {
            lost(reason);
        } else if (phase == Phase.UNREGISTERING) {
            notUnregistered(reason);
        }
    }

    // ---- internals ----

    private void sendRegister(int expires) {
        try {
            Request request = buildRegister(expires);
            pendingCarriesFreshCredentials = false;
            if (lastChallenge != null) {
                authorize(request, lastChallenge);
            }
            send(request);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            LOG.log(Level.ERROR, "account {0}: cannot build a REGISTER: {1}", accountId, e.getMessage());
            fail("cannot build a REGISTER: " + e.getMessage(), false, null);
        }
    }

    private void send(Request request) throws SipException {
        ClientTransaction transaction = endpoint.provider.getNewClientTransaction(request);
        pendingRegister = transaction;
        cancel(answerTimer);
        try {
            transaction.sendRequest();
        } catch (SipException e) {
            pendingRegister = null;
            lost("cannot reach registrar " + settings.nextHop() + ": " + rootMessage(e));
            return;
        }
        Duration wait = phase == Phase.UNREGISTERING ? UNREGISTER_ANSWER_TIMEOUT : ANSWER_TIMEOUT;
        answerTimer = worker.schedule(() -> {
            if (pendingRegister == transaction) {
                terminate(transaction);
                pendingRegister = null;
                if (phase == Phase.UNREGISTERING) {
                    notUnregistered("no answer within " + wait.toMillis() + " ms");
                } else {
                    lost("no answer from registrar " + settings.nextHop());
                }
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Request buildRegister(int expires) throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        URI requestUri = addresses.createURI(settings.scheme() + ":" + settings.domain());
        Address aor = addresses.createAddress(settings.addressOfRecord());
        if (!settings.displayName().isBlank()) {
            aor.setDisplayName(settings.displayName());
        }
        FromHeader from = headers.createFromHeader(aor, fromTag);
        ToHeader to = headers.createToHeader(addresses.createAddress(settings.addressOfRecord()), null);
        CallIdHeader callIdHeader = headers.createCallIdHeader(callId);
        CSeqHeader cseqHeader = headers.createCSeqHeader(++cseq, Request.REGISTER);
        Request request = endpoint.messages.createRequest(requestUri, Request.REGISTER, callIdHeader, cseqHeader, from, to,
                endpoint.vias(), headers.createMaxForwardsHeader(70));
        ContactHeader contact = endpoint.contact(settings.registeredUser());
        request.addHeader(contact);
        request.addHeader(headers.createExpiresHeader(expires));
        request.addHeader(endpoint.userAgent());
        return request;
    }

    private void authorize(Request request, DigestChallenge challenge) throws ParseException {
        String uri = request.getRequestURI().toString();
        DigestCredentials.Answer answer = credentials.answer(challenge, request.getMethod(), uri);
        request.setHeader(DigestHeaders.authorization(endpoint.headers, answer, challengeWasProxy));
    }

    private void challenged(Response response) {
        List<DigestChallenge> offered = DigestHeaders.challenges(response);
        Optional<DigestChallenge> usable = offered.stream().filter(DigestChallenge::answerable).findFirst();
        if (usable.isEmpty()) {
            fail("registrar asks for an authentication we cannot answer: "
                    + response.getHeader(WWWAuthenticateHeader.NAME), false, null);
            return;
        }
        DigestChallenge challenge = usable.get();
        if (pendingCarriesFreshCredentials && !challenge.stale()) {
            // the server rejected credentials computed for its own, fresh challenge: the password is wrong
            lastChallenge = null;
            fail("authentication failed", false, null);
            return;
        }
        if (++challengeRounds > MAX_CHALLENGE_ROUNDS) {
            lastChallenge = null;
            fail("authentication failed", false, null);
            return;
        }
        lastChallenge = challenge;
        challengeWasProxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        try {
            Request request = buildRegister(phase == Phase.UNREGISTERING ? 0 : requestedExpires);
            authorize(request, challenge);
            send(request);
            pendingCarriesFreshCredentials = true;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            fail("cannot answer the registrar's challenge: " + e.getMessage(), false, null);
        }
    }

    private void intervalTooBrief(Response response) {
        MinExpiresHeader minimum = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
        if (minimum == null || minimum.getExpires() <= requestedExpires || ++minExpiresRounds > 2) {
            fail("registrar refused the registration interval: " + statusLine(response), false, null);
            return;
        }
        requestedExpires = minimum.getExpires();
        LOG.log(Level.INFO, "account {0}: registrar wants at least {1} s", accountId, requestedExpires);
        sendRegister(requestedExpires);
    }

    private void registered(Response response) {
        int granted = grantedExpires(response);
        phase = Phase.REGISTERED;
        consecutiveFailures = 0;
        challengeRounds = 0;
        minExpiresRounds = 0;
        report(RegistrationState.REGISTERED);
        cancel(refreshTimer);
        // refresh at half the lifetime, at most 30 s before it runs out
        long refreshIn = Math.max(1, granted - Math.min(30, granted / 2));
        refreshTimer = worker.schedule(this::refresh, refreshIn, TimeUnit.SECONDS);
        scheduleKeepAlive();
        LOG.log(Level.DEBUG, "account {0}: registered for {1} s, refresh in {2} s", accountId, granted, refreshIn);
    }

    private void refresh() {
        if (phase != Phase.REGISTERED) {
            return;
        }
        challengeRounds = 0;
        sendRegister(requestedExpires);
    }

    private int grantedExpires(Response response) {
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        String ourHost = endpoint.localHost();
        int ourPort = endpoint.localPort();
        while (contacts.hasNext()) {
            ContactHeader contact = (ContactHeader) contacts.next();
            if (contact.getAddress().getURI() instanceof SipURI uri && uri.getHost().equals(ourHost)
                    && uri.getPort() == ourPort && contact.getExpires() >= 0) {
                return contact.getExpires();
            }
        }
        ExpiresHeader expires = response.getExpires();
        if (expires != null && expires.getExpires() > 0) {
            return expires.getExpires();
        }
        return requestedExpires;
    }

    private void scheduleKeepAlive() {
        cancel(keepAliveTimer);
        long interval = settings.keepAliveInterval().toMillis();
        keepAliveTimer = worker.scheduleWithFixedDelay(this::sendKeepAlive, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void sendKeepAlive() {
        if (phase != Phase.REGISTERED || pendingRegister != null || pendingKeepAlive != null) {
            return;
        }
        if (endpoint.transport.reliable()) {
            try {
                endpoint.sendHeartbeat(ANSWER_TIMEOUT.toMillis());
            } catch (IOException e) {
                lost("connection to registrar " + settings.nextHop() + " lost: " + rootMessage(e));
            }
            return;
        }
        try {
            Request options = buildOptions();
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(options);
            pendingKeepAlive = transaction;
            transaction.sendRequest();
            cancel(answerTimer);
            answerTimer = worker.schedule(() -> {
                if (pendingKeepAlive == transaction) {
                    terminate(transaction);
                    pendingKeepAlive = null;
                    lost("no answer from registrar " + settings.nextHop());
                }
            }, ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ParseException | InvalidArgumentException e) {
            LOG.log(Level.ERROR, "account {0}: cannot build a keep-alive: {1}", accountId, e.getMessage());
        } catch (SipException e) {
            pendingKeepAlive = null;
            lost("cannot reach registrar " + settings.nextHop() + ": " + rootMessage(e));
        }
    }

    private Request buildOptions() throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        SipURI target = addresses.createSipURI(null, endpoint.nextHop.getAddress().getHostAddress());
        target.setPort(endpoint.nextHop.getPort());
        Address aor = addresses.createAddress(settings.addressOfRecord());
        Request request = endpoint.messages.createRequest(target, Request.OPTIONS,
                endpoint.provider.getNewCallId(), headers.createCSeqHeader(1L, Request.OPTIONS),
                headers.createFromHeader(aor, Long.toHexString(System.nanoTime())),
                headers.createToHeader(addresses.createAddress(target), null), endpoint.vias(),
                headers.createMaxForwardsHeader(70));
        request.addHeader(endpoint.userAgent());
        return request;
    }

    private void keepAliveAnswered() {
        if (pendingKeepAlive != null) {
            cancel(answerTimer);
            pendingKeepAlive = null;
        }
    }

    private void lost(String reason) {
        Optional<String> certificateRejection = endpoint.certificateRejection();
        if (certificateRejection.isPresent() && phase != Phase.UNREGISTERING) {
            // trying again would meet the same certificate: the user has to trust it (or the server fix it)
            terminate(pendingKeepAlive);
            pendingKeepAlive = null;
            terminate(pendingRegister);
            pendingRegister = null;
            fail(certificateRejection.get(), false, null);
            return;
        }
        cancel(answerTimer);
        cancel(refreshTimer);
        cancel(keepAliveTimer);
        terminate(pendingKeepAlive);
        pendingKeepAlive = null;
        terminate(pendingRegister);
        pendingRegister = null;
        if (phase == Phase.UNREGISTERING) {
            notUnregistered(reason);
            return;
        }
        if (phase == Phase.IDLE || phase == Phase.FAILED) {
            return;
        }
        LOG.log(Level.WARNING, "account {0}: {1}", accountId, reason);
        phase = Phase.RECOVERING;
        report(RegistrationState.connectionLost(reason));
        scheduleRetry(transportBackoff(++consecutiveFailures));
    }

    /**
     * The wait before the next attempt after {@code failures} transport failures in a row: 1 s, then 2 s for
     * about a minute (so a restarted registrar is found within seconds), then 30 s.
     */
    static Duration transportBackoff(int failures) {
        if (failures <= 1) {
            return Duration.ofSeconds(1);
        }
        return failures <= FAST_RETRIES ? Duration.ofSeconds(2) : Duration.ofSeconds(30);
    }

    /** After a refusal the server may lift (5xx, 408, 480): 5, 10, 20, 40, then 60 s, or its Retry-After. */
    static Duration refusalBackoff(int failures, Response response) {
        if (response != null && response.getHeader(RetryAfterHeader.NAME) instanceof RetryAfterHeader retryAfter
                && retryAfter.getRetryAfter() > 0) {
            return Duration.ofSeconds(Math.min(3600, retryAfter.getRetryAfter()));
        }
        long seconds = Math.min(60, 5L << Math.min(4, Math.max(0, failures - 1)));
        return Duration.ofSeconds(seconds);
    }

    private void scheduleRetry(Duration delay) {
        cancel(retryTimer);
        retryTimer = worker.schedule(() -> {
            if (phase == Phase.RECOVERING || phase == Phase.FAILED && retrying) {
                challengeRounds = 0;
                sendRegister(requestedExpires);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fail(String reason, boolean retry, Response response) {
        cancelTimers();
        if (phase == Phase.UNREGISTERING) {
            finishUnregister();
            return;
        }
        LOG.log(Level.WARNING, "account {0}: registration failed: {1}", accountId, reason);
        phase = Phase.FAILED;
        retrying = retry;
        report(RegistrationState.failed(reason));
        if (retry) {
            scheduleRetry(refusalBackoff(++consecutiveFailures, response));
        }
    }

    private void unregisterAnswered(Response response) {
        int status = response.getStatusCode();
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && challengeRounds < MAX_CHALLENGE_ROUNDS) {
            challenged(response);
            return;
        }
        if (status >= 300) {
            LOG.log(Level.WARNING, "account {0}: registrar refused the unregistration: {1}", accountId,
                    statusLine(response));
        }
        finishUnregister();
    }

    /** The REGISTER with expires 0 did not reach the registrar or was not answered: said in the log, then done. */
    private void notUnregistered(String why) {
        LOG.log(Level.WARNING, "account {0}: could not unregister from {1} ({2}); the registrar keeps the binding until "
                + "it expires", accountId, settings.nextHop(), why);
        finishUnregister();
    }

    private void finishUnregister() {
        phase = Phase.IDLE;
        unregistered.complete(null);
    }

    /** Reports a state to the core along edges its machine allows. */
    private void report(RegistrationState next) {
        if (next.equals(reported)) {
            return;
        }
        if (!RegistrationStateMachine.allowed(reported.kind(), next.kind())
                && RegistrationStateMachine.allowed(reported.kind(), RegistrationState.Kind.REGISTERING)
                && next.kind() != RegistrationState.Kind.REGISTERING) {
            reported = RegistrationState.REGISTERING;
            listener.registrationChanged(reported);
        }
        reported = next;
        listener.registrationChanged(next);
    }

    private boolean isOurs(Response response) {
        CallIdHeader header = (CallIdHeader) response.getHeader(CallIdHeader.NAME);
        return header != null && callId.equals(header.getCallId());
    }

    private void cancelTimers() {
        cancel(answerTimer);
        cancel(refreshTimer);
        cancel(keepAliveTimer);
        cancel(retryTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static void terminate(ClientTransaction transaction) {
        if (transaction != null && transaction.getState() != TransactionState.TERMINATED) {
            try {
                transaction.terminate();
            } catch (javax.sip.ObjectInUseException e) {
                LOG.log(Level.DEBUG, "transaction already in use: {0}", e.getMessage());
            }
        }
    }

    static String statusLine(Response response) {
        return response.getStatusCode() + " " + response.getReasonPhrase();
    }

    private static String rootMessage(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = error; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        Throwable root = chain.get(chain.size() - 1);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}

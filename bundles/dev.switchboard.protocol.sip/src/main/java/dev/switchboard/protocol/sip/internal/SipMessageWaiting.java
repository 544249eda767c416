package dev.switchboard.protocol.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import dev.switchboard.core.account.MessageSummary;
import dev.switchboard.core.account.MessageWaiting;
import dev.switchboard.core.account.MessageWaitingListener;

/**
 * Message waiting indication (RFC 3842) for one account: once registered, a SUBSCRIBE to the {@code mailbox} setting's
 * {@code message-summary} event package (digest challenges answered), refreshed before it expires; every NOTIFY of that
 * package, in the subscription or unsolicited (section 5 allows both), becomes the account's {@link MessageSummary}.
 * One explicit machine: IDLE (not subscribed), SUBSCRIBING, ACTIVE, FAILED (refused; tried again at the next
 * registration). All but the listener calls and {@link #summary()} run on the session's worker thread.
 */
final class SipMessageWaiting implements MessageWaiting {

    static final String EVENT_PACKAGE = "message-summary";
    private static final Logger LOG = System.getLogger(SipMessageWaiting.class.getName());
    private static final int REQUESTED_EXPIRES = 3600;
    private static final int MAX_CHALLENGE_ROUNDS = 2;
    private static final Pattern WAITING = Pattern.compile("(?im)^Messages-Waiting[ \\t]*:[ \\t]*(yes|no)[ \\t]*$");
    private static final Pattern VOICE = Pattern.compile(
            "(?im)^Voice-Message[ \\t]*:[ \\t]*(\\d{1,9})[ \\t]*/[ \\t]*(\\d{1,9})([ \\t]*\\([ \\t]*\\d{1,9}[ \\t]*/[ \\t]*\\d{1,9}[ \\t]*\\))?[ \\t]*$");

    enum Phase {
        IDLE, SUBSCRIBING, ACTIVE, FAILED
    }

    private final String accountId;
    private final SipAccountSettings settings;
    private final SipEndpoint endpoint;
    private final DigestCredentials credentials;
    private final ScheduledExecutorService worker;
    private final List<MessageWaitingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MessageSummary summary;

    private Phase phase = Phase.IDLE;
    private ClientTransaction pending;
    private int challengeRounds;
    private long cseq;
    private String callId;
    private String fromTag;
    private ScheduledFuture<?> refreshTimer;

    SipMessageWaiting(String accountId, SipAccountSettings settings, SipEndpoint endpoint,
            DigestCredentials credentials, ScheduledExecutorService worker) {
        this.accountId = accountId;
        this.settings = settings;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.worker = worker;
    }

    // ---- MessageWaiting, any thread ----

    @Override
    public Optional<MessageSummary> summary() {
        return Optional.ofNullable(summary);
    }

    @Override
    public void addListener(MessageWaitingListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MessageWaitingListener listener) {
        listeners.remove(listener);
    }

    Phase phase() {
        return phase;
    }

    // ---- worker thread ----

    /** The account registered (again): subscribe unless a subscription is already on its way or running. */
    void registered() {
        if (settings.mailbox().isEmpty() || phase == Phase.SUBSCRIBING || phase == Phase.ACTIVE) {
            return;
        }
        subscribe();
    }

    /** The account stopped being registered: the subscription is forgotten, a new one follows the next registration. */
    void unregistered() {
        cancel();
        pending = null;
        phase = Phase.IDLE;
    }

    /** @return whether the response answered our SUBSCRIBE */
    boolean responseReceived(ClientTransaction transaction, Response response) {
        if (transaction == null || transaction != pending) {
            return false;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return true;
        }
        pending = null;
        if (status < 300) {
            active(response);
        } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && ++challengeRounds <= MAX_CHALLENGE_ROUNDS) {
            challenged(response);
        } else {
            failed("mailbox subscription refused: " + SipRegistration.statusLine(response));
        }
        return true;
    }

    /** @return whether the transaction was our SUBSCRIBE, which got no answer */
    boolean transactionFailed(ClientTransaction transaction) {
        if (transaction == null || transaction != pending) {
            return false;
        }
        pending = null;
        failed("no answer to the mailbox subscription");
        return true;
    }

    static boolean isMessageSummary(Request request) {
        return request.getHeader(EventHeader.NAME) instanceof EventHeader event
                && EVENT_PACKAGE.equalsIgnoreCase(event.getEventType());
    }

    /**
     * A NOTIFY of the message-summary package: answered 200 and shown when its body reads, else answered 400 and
     * the summary kept as it was.
     */
    void notified(RequestEvent event, java.util.function.ObjIntConsumer<RequestEvent> respond) {
        Request request = event.getRequest();
        byte[] body = request.getRawContent();
        Optional<MessageSummary> read = parse(body == null ? "" : new String(body, StandardCharsets.UTF_8));
        if (read.isEmpty()) {
            LOG.log(Level.WARNING, "account {0}: unreadable message-summary NOTIFY ignored", accountId);
            respond.accept(event, Response.BAD_REQUEST);
            return;
        }
        respond.accept(event, Response.OK);
        if (request.getHeader(SubscriptionStateHeader.NAME) instanceof SubscriptionStateHeader state
                && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState()) && phase == Phase.ACTIVE) {
            // the server ended the subscription: ask again later rather than hammer it now
            cancel();
            phase = Phase.IDLE;
            refreshTimer = worker.schedule(this::registeredAgain, 60, TimeUnit.SECONDS);
        }
        MessageSummary next = read.get();
        summary = next;
        LOG.log(Level.INFO, "account {0}: mailbox {1} new, {2} old{3}", accountId, next.newMessages(),
                next.oldMessages(), next.waiting() ? ", messages waiting" : "");
        for (MessageWaitingListener listener : listeners) {
            try {
                listener.summaryChanged(next);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "a message waiting listener failed", e);
            }
        }
    }

    /**
     * Reads an {@code application/simple-message-summary} body (RFC 3842 section 5.2): {@code Messages-Waiting} is
     * required, {@code Voice-Message: new/old (urgent new/urgent old)} gives the counts (0 without it).
     */
    static Optional<MessageSummary> parse(String body) {
        Matcher waiting = WAITING.matcher(body.replace("\r\n", "\n"));
        if (!waiting.find()) {
            return Optional.empty();
        }
        Matcher voice = VOICE.matcher(body.replace("\r\n", "\n"));
        int fresh = 0;
        int old = 0;
        if (voice.find()) {
            fresh = Integer.parseInt(voice.group(1));
            old = Integer.parseInt(voice.group(2));
        }
        return Optional.of(new MessageSummary(waiting.group(1).equalsIgnoreCase("yes"), fresh, old));
    }

    private void registeredAgain() {
        if (phase == Phase.IDLE) {
            subscribe();
        }
    }

    private void subscribe() {
        challengeRounds = 0;
        callId = endpoint.provider.getNewCallId().getCallId();
        fromTag = Long.toHexString(System.nanoTime());
        cseq = 0;
        send(null, false);
    }

    private void challenged(Response response) {
        Optional<DigestChallenge> challenge = DigestHeaders.challenges(response).stream()
                .filter(DigestChallenge::answerable).findFirst();
        if (challenge.isEmpty()) {
            failed("mailbox subscription asks for an authentication we cannot answer");
            return;
        }
        send(challenge.get(), response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED);
    }

    private void send(DigestChallenge challenge, boolean proxy) {
        try {
            Request request = build();
            if (challenge != null) {
                DigestCredentials.Answer answer = credentials.answer(challenge, Request.SUBSCRIBE,
                        request.getRequestURI().toString());
                request.setHeader(DigestHeaders.authorization(endpoint.headers, answer, proxy));
            }
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(request);
            pending = transaction;
            phase = Phase.SUBSCRIBING;
            transaction.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException e) {
            pending = null;
            failed("cannot subscribe to the mailbox: " + e.getMessage());
        }
    }

    private Request build() throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        String mailbox = settings.targetUri(settings.mailbox().orElseThrow());
        Address self = addresses.createAddress(settings.addressOfRecord());
        Request request = endpoint.messages.createRequest(addresses.createURI(mailbox), Request.SUBSCRIBE,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(++cseq, Request.SUBSCRIBE),
                headers.createFromHeader(self, fromTag), headers.createToHeader(addresses.createAddress(mailbox), null),
                endpoint.vias(), headers.createMaxForwardsHeader(70));
        request.addHeader(endpoint.contact(settings.registeredUser()));
        request.addHeader(headers.createEventHeader(EVENT_PACKAGE));
        request.addHeader(headers.createAcceptHeader("application", "simple-message-summary"));
        request.addHeader(headers.createExpiresHeader(REQUESTED_EXPIRES));
        request.addHeader(endpoint.userAgent());
        return request;
    }

    private void active(Response response) {
        int granted = response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader expires
                ? expires.getExpires() : REQUESTED_EXPIRES;
        if (granted <= 0) {
            phase = Phase.IDLE;
            return;
        }
        phase = Phase.ACTIVE;
        cancel();
        // a fresh subscription before the old one runs out, at most a minute early
        long refreshIn = Math.max(1, granted - Math.min(60, granted / 2));
        refreshTimer = worker.schedule(() -> {
            if (phase == Phase.ACTIVE) {
                subscribe();
            }
        }, refreshIn, TimeUnit.SECONDS);
    }

    private void failed(String reason) {
        LOG.log(Level.WARNING, "account {0}: {1}", accountId, reason);
        cancel();
        phase = Phase.FAILED;
    }

    private void cancel() {
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
            refreshTimer = null;
        }
    }

    @Override
    public String toString() {
        return "mailbox of " + accountId + " (" + phase.name().toLowerCase(Locale.ROOT) + ")";
    }
}

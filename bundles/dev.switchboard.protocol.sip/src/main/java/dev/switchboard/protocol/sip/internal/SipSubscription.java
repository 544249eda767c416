package dev.switchboard.protocol.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The subscriber side of one SIP event subscription (RFC 6665) of an account: a SUBSCRIBE to one URI for one event
 * package (digest challenges answered, at most two rounds), a fresh subscription before the granted one runs out,
 * and a new one a minute after the server ended it. One explicit machine: IDLE (not subscribed), SUBSCRIBING, ACTIVE,
 * FAILED (refused or unanswered; the owner decides when to try again), UNSUBSCRIBING (the account leaves: a SUBSCRIBE
 * with Expires 0 in the subscription's dialog, RFC 6665 section 4.1.2.3, until the server's final NOTIFY, a refusal
 * or no answer; then IDLE). What the NOTIFYs say is the owner's business (message summary, dialog info), but the
 * owner hands each NOTIFY of the subscription to {@link #notified} so the dialog's remote tag and target are known.
 * Everything runs on the session's worker thread.
 */
final class SipSubscription {

    enum Phase {
        IDLE, SUBSCRIBING, ACTIVE, FAILED, UNSUBSCRIBING
    }

    private static final int REQUESTED_EXPIRES = 3600;
    private static final int MAX_CHALLENGE_ROUNDS = 2;
    private static final long RESUBSCRIBE_AFTER_SERVER_END_SECONDS = 60;

    private final String uri;
    private final String eventPackage;
    private final String acceptedBody;
    private final SipAccountSettings settings;
    private final SipEndpoint endpoint;
    private final DigestCredentials credentials;
    private final ScheduledExecutorService worker;
    private final Runnable started;
    private final Consumer<String> failed;

    private Phase phase = Phase.IDLE;
    private ClientTransaction pending;
    private int challengeRounds;
    private long cseq;
    private String callId;
    private String fromTag;
    private ScheduledFuture<?> refreshTimer;
    /** The notifier's tag, target and route set of the subscription's dialog, learnt from its 2xx or a NOTIFY. */
    private String remoteTag;
    private URI remoteTarget;
    private List<Address> routeSet = List.of();
    /** Completed when an un-subscription is over (final NOTIFY, refusal, no answer, or forgotten). */
    private CompletableFuture<Void> ended = CompletableFuture.completedFuture(null);

    /**
     * @param acceptedBody the {@code application/...} subtype the NOTIFYs carry
     * @param started      told each time a new subscription (new dialog) starts, so the owner drops what the old one said
     * @param failed       told why, each time the subscription fails
     */
    SipSubscription(String uri, String eventPackage, String acceptedBody, SipAccountSettings settings, SipEndpoint endpoint,
            DigestCredentials credentials, ScheduledExecutorService worker, Runnable started, Consumer<String> failed) {
        this.uri = uri;
        this.eventPackage = eventPackage;
        this.acceptedBody = acceptedBody;
        this.settings = settings;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.worker = worker;
        this.started = started;
        this.failed = failed;
    }

    Phase phase() {
        return phase;
    }

    String uri() {
        return uri;
    }

    /** Starts a new subscription (a new dialog). */
    void subscribe() {
        challengeRounds = 0;
        callId = endpoint.provider.getNewCallId().getCallId();
        fromTag = Long.toHexString(System.nanoTime());
        cseq = 0;
        remoteTag = null;
        remoteTarget = null;
        routeSet = List.of();
        started.run();
        send(null, false);
    }

    /** The account is no longer registered: the subscription is forgotten, with nothing left pending. */
    void forget() {
        cancelRefresh();
        pending = null;
        phase = Phase.IDLE;
        ended.complete(null);
    }

    /**
     * Ends an active subscription: a SUBSCRIBE with Expires 0 in its dialog (digest challenges answered). The future
     * completes with the server's final NOTIFY ({@link #endedByServer}), a refusal or no answer; at once when there is
     * no active subscription (one still on its way is forgotten: the server lets it run out).
     */
    CompletableFuture<Void> unsubscribe() {
        if (phase == Phase.UNSUBSCRIBING) {
            return ended;
        }
        if (phase != Phase.ACTIVE || remoteTag == null) {
            forget();
            return ended;
        }
        cancelRefresh();
        challengeRounds = 0;
        ended = new CompletableFuture<>();
        phase = Phase.UNSUBSCRIBING;
        send(null, false);
        return ended;
    }

    /** A NOTIFY of this subscription arrived: it names the notifier's tag and, in its Contact, the dialog's target. */
    void notified(Request notify) {
        if (remoteTag == null && notify.getHeader(FromHeader.NAME) instanceof FromHeader from) {
            remoteTag = from.getTag();
            List<Address> routes = new ArrayList<>();
            ListIterator<?> recordRoutes = notify.getHeaders(RecordRouteHeader.NAME);
            while (recordRoutes.hasNext()) {
                routes.add(((RecordRouteHeader) recordRoutes.next()).getAddress());
            }
            routeSet = List.copyOf(routes);
        }
        if (notify.getHeader(ContactHeader.NAME) instanceof ContactHeader contact) {
            remoteTarget = contact.getAddress().getURI();
        }
    }

    /** Whether a NOTIFY belongs to this subscription's dialog. */
    boolean owns(Request notify) {
        return notify.getHeader(CallIdHeader.NAME) instanceof CallIdHeader header && header.getCallId().equals(callId);
    }

    /** The server ended the subscription (Subscription-State: terminated): ask again later rather than hammer it now. */
    void endedByServer() {
        cancelRefresh();
        if (phase == Phase.UNSUBSCRIBING) {
            // the final NOTIFY of our own un-subscription: nothing to ask again
            forget();
            return;
        }
        phase = Phase.IDLE;
        refreshTimer = worker.schedule(() -> {
            if (phase == Phase.IDLE) {
                subscribe();
            }
        }, RESUBSCRIBE_AFTER_SERVER_END_SECONDS, TimeUnit.SECONDS);
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
        if (phase == Phase.UNSUBSCRIBING && status < 300) {
            // the final NOTIFY follows (RFC 6665 section 4.2.1.4), which ends it
            return true;
        }
        if (phase == Phase.UNSUBSCRIBING && status != Response.UNAUTHORIZED
                && status != Response.PROXY_AUTHENTICATION_REQUIRED) {
            // e.g. 481: the server has already forgotten it
            forget();
            return true;
        }
        if (status < 300) {
            active(response);
        } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && ++challengeRounds <= MAX_CHALLENGE_ROUNDS) {
            Optional<DigestChallenge> challenge = DigestHeaders.challenges(response).stream()
                    .filter(DigestChallenge::answerable).findFirst();
            if (challenge.isEmpty()) {
                fail("the subscription asks for an authentication we cannot answer");
            } else {
                send(challenge.get(), status == Response.PROXY_AUTHENTICATION_REQUIRED);
            }
        } else {
            fail("subscription refused: " + SipRegistration.statusLine(response));
        }
        return true;
    }

    /** @return whether the transaction was our SUBSCRIBE, which got no answer */
    boolean transactionFailed(ClientTransaction transaction) {
        if (transaction == null || transaction != pending) {
            return false;
        }
        pending = null;
        if (phase == Phase.UNSUBSCRIBING) {
            forget();
            return true;
        }
        fail("no answer to the subscription");
        return true;
    }

    private void send(DigestChallenge challenge, boolean proxy) {
        try {
            Request request = phase == Phase.UNSUBSCRIBING ? buildEnd() : build();
            if (challenge != null) {
                DigestCredentials.Answer answer = credentials.answer(challenge, Request.SUBSCRIBE,
                        request.getRequestURI().toString());
                request.setHeader(DigestHeaders.authorization(endpoint.headers, answer, proxy));
            }
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(request);
            pending = transaction;
            if (phase != Phase.UNSUBSCRIBING) {
                phase = Phase.SUBSCRIBING;
            }
            transaction.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException e) {
            pending = null;
            if (phase == Phase.UNSUBSCRIBING) {
                forget();
            } else {
                fail("cannot subscribe: " + e.getMessage());
            }
        }
    }

    private Request build() throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        Address self = addresses.createAddress(settings.addressOfRecord());
        Request request = endpoint.messages.createRequest(addresses.createURI(uri), Request.SUBSCRIBE,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(++cseq, Request.SUBSCRIBE),
                headers.createFromHeader(self, fromTag), headers.createToHeader(addresses.createAddress(uri), null),
                endpoint.vias(), headers.createMaxForwardsHeader(70));
        request.addHeader(endpoint.contact(settings.registeredUser()));
        request.addHeader(headers.createEventHeader(eventPackage));
        request.addHeader(headers.createAcceptHeader("application", acceptedBody));
        request.addHeader(headers.createExpiresHeader(REQUESTED_EXPIRES));
        request.addHeader(endpoint.userAgent());
        return request;
    }

    /** The SUBSCRIBE with Expires 0 in the subscription's dialog: its Call-ID, tags, next CSeq, target and routes. */
    private Request buildEnd() throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        Address self = addresses.createAddress(settings.addressOfRecord());
        URI target = remoteTarget != null ? remoteTarget : addresses.createURI(uri);
        Request request = endpoint.messages.createRequest(target, Request.SUBSCRIBE,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(++cseq, Request.SUBSCRIBE),
                headers.createFromHeader(self, fromTag), headers.createToHeader(addresses.createAddress(uri), remoteTag),
                endpoint.vias(), headers.createMaxForwardsHeader(70));
        for (Address route : routeSet) {
            request.addHeader(headers.createRouteHeader(route));
        }
        request.addHeader(endpoint.contact(settings.registeredUser()));
        request.addHeader(headers.createEventHeader(eventPackage));
        request.addHeader(headers.createAcceptHeader("application", acceptedBody));
        request.addHeader(headers.createExpiresHeader(0));
        request.addHeader(endpoint.userAgent());
        return request;
    }

    private void active(Response response) {
        if (response.getHeader(ToHeader.NAME) instanceof ToHeader to && to.getTag() != null) {
            // the 2xx's tag and route set are the dialog's (RFC 6665 4.1.2.1); a NOTIFY that came first named them too
            remoteTag = to.getTag();
            List<Address> routes = new ArrayList<>();
            ListIterator<?> recordRoutes = response.getHeaders(RecordRouteHeader.NAME);
            while (recordRoutes.hasNext()) {
                routes.add(0, ((RecordRouteHeader) recordRoutes.next()).getAddress());
            }
            routeSet = List.copyOf(routes);
            if (response.getHeader(ContactHeader.NAME) instanceof ContactHeader contact) {
                remoteTarget = contact.getAddress().getURI();
            }
        }
        int granted = response.getHeader(ExpiresHeader.NAME) instanceof ExpiresHeader expires
                ? expires.getExpires() : REQUESTED_EXPIRES;
        if (granted <= 0) {
            phase = Phase.IDLE;
            return;
        }
        phase = Phase.ACTIVE;
        cancelRefresh();
        // a fresh subscription before this one runs out, at most a minute early
        long refreshIn = Math.max(1, granted - Math.min(60, granted / 2));
        refreshTimer = worker.schedule(() -> {
            if (phase == Phase.ACTIVE) {
                subscribe();
            }
        }, refreshIn, TimeUnit.SECONDS);
    }

    private void fail(String reason) {
        if (phase == Phase.UNSUBSCRIBING) {
            // an un-subscription the server refuses or we cannot authenticate: it runs out there on its own
            forget();
            return;
        }
        cancelRefresh();
        phase = Phase.FAILED;
        failed.accept(reason);
    }

    private void cancelRefresh() {
        if (refreshTimer != null) {
            refreshTimer.cancel(false);
            refreshTimer = null;
        }
    }
}

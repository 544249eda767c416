package dev.switchboard.protocol.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.header.EventHeader;
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
 * The subscription's machine is a {@link SipSubscription} (a refused one is tried again at the next registration).
 * All but the listener calls and {@link #summary()} run on the session's worker thread.
 */
final class SipMessageWaiting implements MessageWaiting {

    static final String EVENT_PACKAGE = "message-summary";
    private static final Logger LOG = System.getLogger(SipMessageWaiting.class.getName());
    private static final Pattern WAITING = Pattern.compile("(?im)^Messages-Waiting[ \\t]*:[ \\t]*(yes|no)[ \\t]*$");
    private static final Pattern VOICE = Pattern.compile(
            "(?im)^Voice-Message[ \\t]*:[ \\t]*(\\d{1,9})[ \\t]*/[ \\t]*(\\d{1,9})([ \\t]*\\([ \\t]*\\d{1,9}[ \\t]*/[ \\t]*\\d{1,9}[ \\t]*\\))?[ \\t]*$");

    private final String accountId;
    private final List<MessageWaitingListener> listeners = new CopyOnWriteArrayList<>();
    private final Optional<SipSubscription> subscription;
    private volatile MessageSummary summary;

    SipMessageWaiting(String accountId, SipAccountSettings settings, SipEndpoint endpoint,
            DigestCredentials credentials, ScheduledExecutorService worker) {
        this.accountId = accountId;
        this.subscription = settings.mailbox().map(mailbox -> new SipSubscription(settings.targetUri(mailbox),
                EVENT_PACKAGE, "simple-message-summary", settings, endpoint, credentials, worker, () -> {
                }, reason -> LOG.log(Level.WARNING, "account {0}: mailbox: {1}", accountId, reason)));
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

    SipSubscription.Phase phase() {
        return subscription.map(SipSubscription::phase).orElse(SipSubscription.Phase.IDLE);
    }

    // ---- worker thread ----

    /** The account registered (again): subscribe unless a subscription is already on its way or running. */
    void registered() {
        subscription.filter(mailbox -> mailbox.phase() == SipSubscription.Phase.IDLE
                || mailbox.phase() == SipSubscription.Phase.FAILED).ifPresent(SipSubscription::subscribe);
    }

    /** The account stopped being registered: the subscription is forgotten, a new one follows the next registration. */
    void unregistered() {
        subscription.ifPresent(SipSubscription::forget);
    }

    /**
     * The account leaves: an active subscription is ended with Expires 0; the future completes when the server has
     * ended it (or refused, or did not answer), at once without one.
     */
    java.util.concurrent.CompletableFuture<Void> unsubscribe() {
        return subscription.map(SipSubscription::unsubscribe)
                .orElseGet(() -> java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /** @return whether the response answered our SUBSCRIBE */
    boolean responseReceived(ClientTransaction transaction, Response response) {
        return subscription.isPresent() && subscription.get().responseReceived(transaction, response);
    }

    /** @return whether the transaction was our SUBSCRIBE, which got no answer */
    boolean transactionFailed(ClientTransaction transaction) {
        return subscription.isPresent() && subscription.get().transactionFailed(transaction);
    }

    static boolean isMessageSummary(Request request) {
        return request.getHeader(EventHeader.NAME) instanceof EventHeader event
                && EVENT_PACKAGE.equalsIgnoreCase(event.getEventType());
    }

    /**
     * A NOTIFY of the message-summary package: answered 200 and shown when its body reads, else answered 400 and
     * the summary kept as it was; a subscription's final NOTIFY may have no body (RFC 6665 section 4.2.2).
     */
    void notified(RequestEvent event, java.util.function.ObjIntConsumer<RequestEvent> respond) {
        Request request = event.getRequest();
        boolean ours = subscription.isPresent() && subscription.get().owns(request);
        if (ours) {
            subscription.get().notified(request);
        }
        boolean terminated = request.getHeader(SubscriptionStateHeader.NAME) instanceof SubscriptionStateHeader state
                && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
        byte[] body = request.getRawContent();
        boolean empty = body == null || body.length == 0;
        Optional<MessageSummary> read = parse(empty ? "" : new String(body, StandardCharsets.UTF_8));
        if (read.isEmpty() && !(terminated && empty)) {
            LOG.log(Level.WARNING, "account {0}: unreadable message-summary NOTIFY ignored", accountId);
            respond.accept(event, Response.BAD_REQUEST);
            return;
        }
        respond.accept(event, Response.OK);
        if (terminated && (phase() == SipSubscription.Phase.ACTIVE
                || ours && phase() == SipSubscription.Phase.UNSUBSCRIBING)) {
            subscription.get().endedByServer();
        }
        if (read.isEmpty()) {
            return;
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

    @Override
    public String toString() {
        return "mailbox of " + accountId + " (" + phase().name().toLowerCase(Locale.ROOT) + ")";
    }
}

package dev.switchboard.protocol.sip.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.spi.SessionListener;

/**
 * Busy lamps: the RFC 4235 dialog event package for the extensions of the account's {@code blf} setting. Once
 * registered, each watched extension gets a SUBSCRIBE (Event: dialog, digest challenges answered), renewed before it
 * expires; every NOTIFY's {@code application/dialog-info+xml} (full or partial, older versions dropped as section
 * 4.1 says) gives the extension's line state, reported to the core as the presence of the extension's SIP URI, which
 * the contacts show on whoever has that extension:
 * <ul>
 * <li>no dialog, or only terminated ones: {@link Availability#AVAILABLE};</li>
 * <li>a dialog trying, proceeding or early: AVAILABLE with the note "ringing";</li>
 * <li>a confirmed dialog: {@link Availability#DO_NOT_DISTURB} with the note "on the phone" (the lamp is red);</li>
 * <li>subscription refused, ended by the server, unanswered, or the account not registered:
 * {@link Availability#OFFLINE} (nothing is known).</li>
 * </ul>
 * One {@link SipSubscription} (its explicit machine) per extension; a refused one is tried again at the next
 * registration. Everything runs on the session's worker thread.
 */
final class SipBusyLamps {

    static final String EVENT_PACKAGE = "dialog";
    static final Presence IDLE_LINE = new Presence(Availability.AVAILABLE, "");
    static final Presence RINGING_LINE = new Presence(Availability.AVAILABLE, "ringing");
    static final Presence BUSY_LINE = new Presence(Availability.DO_NOT_DISTURB, "on the phone");
    private static final String NAMESPACE = "urn:ietf:params:xml:ns:dialog-info";
    private static final Logger LOG = System.getLogger(SipBusyLamps.class.getName());
    /** One NOTIFY body: its version, whether it is the full state, and each dialog's state by dialog id. */
    record DialogInfo(long version, boolean full, Map<String, String> dialogStates) {
    }

    private final String accountId;
    private final SessionListener listener;
    private final List<Watch> watches;

    SipBusyLamps(String accountId, SipAccountSettings settings, SipEndpoint endpoint, DigestCredentials credentials,
            SessionListener listener, ScheduledExecutorService worker) {
        this.accountId = accountId;
        this.listener = listener;
        this.watches = settings.watchedExtensions().stream()
                .map(extension -> new Watch(settings.targetUri(extension), settings, endpoint, credentials, worker))
                .toList();
    }

    /** The account registered (again): subscribe every extension not already subscribed or on its way. */
    void registered() {
        for (Watch watch : watches) {
            SipSubscription.Phase phase = watch.subscription.phase();
            if (phase == SipSubscription.Phase.IDLE || phase == SipSubscription.Phase.FAILED) {
                watch.subscription.subscribe();
            }
        }
    }

    /** The account stopped being registered: the subscriptions are forgotten and the lamps show nothing known. */
    void unregistered() {
        for (Watch watch : watches) {
            watch.subscription.forget();
            watch.show(Presence.OFFLINE);
        }
    }

    /**
     * The account leaves (unregistration, removal, shutdown): every active subscription is ended with Expires 0; the
     * future completes when the server has ended them all (or refused, or did not answer). The lamps go OFFLINE.
     */
    java.util.concurrent.CompletableFuture<Void> unsubscribe() {
        return java.util.concurrent.CompletableFuture.allOf(watches.stream().map(watch -> {
            watch.show(Presence.OFFLINE);
            return watch.subscription.unsubscribe();
        }).toArray(java.util.concurrent.CompletableFuture[]::new));
    }

    /** @return whether the response answered one of our SUBSCRIBEs */
    boolean responseReceived(ClientTransaction transaction, Response response) {
        return watches.stream().anyMatch(watch -> watch.subscription.responseReceived(transaction, response));
    }

    /** @return whether the transaction was one of our SUBSCRIBEs, which got no answer */
    boolean transactionFailed(ClientTransaction transaction) {
        return watches.stream().anyMatch(watch -> watch.subscription.transactionFailed(transaction));
    }

    static boolean isDialogEvent(Request request) {
        return request.getHeader(EventHeader.NAME) instanceof EventHeader event
                && EVENT_PACKAGE.equalsIgnoreCase(event.getEventType());
    }

    /**
     * A NOTIFY of the dialog package: 481 when it belongs to none of our subscriptions, 400 when its body does not
     * read (the lamp stays as it was), else 200 and the lamp updated.
     */
    void notified(RequestEvent event, java.util.function.ObjIntConsumer<RequestEvent> respond) {
        Request request = event.getRequest();
        Optional<Watch> owner = watches.stream().filter(watch -> watch.subscription.owns(request)).findFirst();
        if (owner.isEmpty()) {
            respond.accept(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        Watch watch = owner.get();
        watch.subscription.notified(request);
        boolean terminated = request.getHeader(SubscriptionStateHeader.NAME) instanceof SubscriptionStateHeader state
                && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState());
        byte[] body = request.getRawContent();
        Optional<DialogInfo> info = body == null || body.length == 0 ? Optional.empty() : parse(body);
        if (info.isEmpty() && !terminated) {
            LOG.log(Level.WARNING, "account {0}: unreadable dialog-info NOTIFY for {1} ignored", accountId,
                    watch.subscription.uri());
            respond.accept(event, Response.BAD_REQUEST);
            return;
        }
        respond.accept(event, Response.OK);
        if (terminated) {
            // nothing is known until a new subscription, asked for later, not at once
            watch.subscription.endedByServer();
            watch.show(Presence.OFFLINE);
            return;
        }
        watch.apply(info.get());
    }

    /**
     * Reads an {@code application/dialog-info+xml} document (RFC 4235 section 4): the {@code dialog-info} root in its
     * namespace with {@code version} and {@code state} (full or partial), and per {@code dialog} its {@code id} and
     * the text of its {@code state} element. Empty when the document is not one (DTDs are refused, so no entity
     * expands and nothing is fetched).
     */
    static Optional<DialogInfo> parse(byte[] xml) {
        try {
            DocumentBuilder builder = documentBuilder();
            Element root = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
            if (!NAMESPACE.equals(root.getNamespaceURI()) || !"dialog-info".equals(root.getLocalName())) {
                return Optional.empty();
            }
            long version = Long.parseLong(root.getAttribute("version"));
            String state = root.getAttribute("state");
            if (version < 0 || !state.equals("full") && !state.equals("partial")) {
                return Optional.empty();
            }
            Map<String, String> dialogs = new HashMap<>();
            for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element dialog && NAMESPACE.equals(dialog.getNamespaceURI())
                        && "dialog".equals(dialog.getLocalName())) {
                    String id = dialog.getAttribute("id");
                    Optional<String> dialogState = childText(dialog, "state");
                    if (id.isEmpty() || dialogState.isEmpty()) {
                        return Optional.empty();
                    }
                    dialogs.put(id, dialogState.get().strip().toLowerCase(java.util.Locale.ROOT));
                }
            }
            return Optional.of(new DialogInfo(version, state.equals("full"), Map.copyOf(dialogs)));
        } catch (SAXException | IOException | ParserConfigurationException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What a lamp shows for the dialogs an extension has: confirmed beats ringing beats idle. */
    static Presence lamp(Map<String, String> dialogStates) {
        if (dialogStates.containsValue("confirmed")) {
            return BUSY_LINE;
        }
        if (dialogStates.values().stream().anyMatch(state -> state.equals("trying") || state.equals("proceeding")
                || state.equals("early"))) {
            return RINGING_LINE;
        }
        return IDLE_LINE;
    }

    private static Optional<String> childText(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && NAMESPACE.equals(child.getNamespaceURI())
                    && name.equals(child.getLocalName())) {
                return Optional.of(child.getTextContent());
            }
        }
        return Optional.empty();
    }

    private static DocumentBuilder documentBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // the default handler prints to stderr; a bad document is just "unreadable" here
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException exception) {
                // not an error
            }

            @Override
            public void error(SAXParseException exception) throws SAXException {
                throw exception;
            }

            @Override
            public void fatalError(SAXParseException exception) throws SAXException {
                throw exception;
            }
        });
        return builder;
    }

    /** The subscription to one watched extension and what its NOTIFYs said. */
    private final class Watch {
        final SipSubscription subscription;
        /** The version of the last NOTIFY applied in this subscription, -1 before the first. */
        long version = -1;
        final Map<String, String> dialogs = new HashMap<>();
        Presence shown;

        Watch(String uri, SipAccountSettings settings, SipEndpoint endpoint, DigestCredentials credentials,
                ScheduledExecutorService worker) {
            this.subscription = new SipSubscription(uri, EVENT_PACKAGE, "dialog-info+xml", settings, endpoint,
                    credentials, worker, () -> {
                        version = -1;
                        dialogs.clear();
                    }, reason -> {
                        LOG.log(Level.WARNING, "account {0}: busy lamp of {1}: {2}", accountId, uri, reason);
                        show(Presence.OFFLINE);
                    });
        }

        void apply(DialogInfo info) {
            if (version >= 0 && info.version() <= version) {
                LOG.log(Level.DEBUG, "account {0}: dialog-info version {1} of {2} is not newer than {3}, dropped",
                        accountId, info.version(), subscription.uri(), version);
                return;
            }
            if (!info.full() && version < 0) {
                // section 4.1: a partial notification without the full state before it cannot be applied
                LOG.log(Level.DEBUG, "account {0}: partial dialog-info of {1} before a full one, dropped", accountId,
                        subscription.uri());
                return;
            }
            version = info.version();
            if (info.full()) {
                dialogs.clear();
            }
            info.dialogStates().forEach((id, state) -> {
                if (state.equals("terminated")) {
                    dialogs.remove(id);
                } else {
                    dialogs.put(id, state);
                }
            });
            show(lamp(dialogs));
        }

        void show(Presence presence) {
            if (presence.equals(shown) || shown == null && presence.equals(Presence.OFFLINE)) {
                return;
            }
            shown = presence;
            LOG.log(Level.DEBUG, "account {0}: {1} is {2}", accountId, subscription.uri(), presence);
            listener.presenceChanged(subscription.uri(), presence);
        }
    }
}

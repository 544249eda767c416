package dev.switchboard.protocol.xmpp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager.AutoReceiptMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;

import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.PresencePublisher;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.core.spi.SessionListener;

/**
 * One XMPP account's connection: STARTTLS required, the certificate checked by
 * {@link PinningTrustManager}, SASL SCRAM only, stream management with resumption (XEP-0198) and
 * reconnection with {@link Backoff}.
 * <p>
 * Every change of the connection runs on one worker thread, in order, so the registration states
 * reported are the sequence the user sees: REGISTERING, then REGISTERED, FAILED("authentication
 * failed") or FAILED("certificate rejected ..."), both without retrying (retrying cannot help until
 * the user acts), or FAILED/CONNECTION_LOST with the network's reason and a retry after the backoff.
 * <p>
 * An incoming chat message is handed to the core (which stores it) before its delivery receipt
 * (XEP-0184) is sent, so a sender told "delivered" can rely on it.
 */
final class XmppSession implements ProtocolSession, PresencePublisher, MessageSender {

    private static final Logger LOG = System.getLogger(XmppSession.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** Asked of the server; Prosody keeps a session resumable for up to this long after it drops. */
    private static final int RESUMPTION_SECONDS = 300;

    private final Account account;
    private final XmppSettings settings;
    private final String password;
    private final SessionListener listener;
    private final PinningTrustManager trust;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor worker;
    private final XmppRoster roster;
    private final XmppGroupChat groupChat;

    // worker thread only
    private XMPPTCPConnection connection;
    private ScheduledFuture<?> retry;
    private boolean everOnline;

    private volatile boolean wanted;
    private volatile boolean closed;
    private volatile RegistrationState reported = RegistrationState.UNREGISTERED;
    private volatile Presence ownPresence = new Presence(Availability.AVAILABLE, "");

    XmppSession(Account account, XmppSettings settings, char[] secret, SessionListener listener, Backoff backoff) {
        this.account = account;
        this.settings = settings;
        this.password = new String(secret);
        this.listener = listener;
        this.trust = new PinningTrustManager(settings.pinnedSha256());
        this.backoff = backoff;
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "xmpp-" + account.id());
            thread.setDaemon(true);
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.roster = new XmppRoster(this::authenticatedConnection, listener);
        this.groupChat = new XmppGroupChat(account.id(), this::authenticatedConnection, listener);
    }

    @Override
    public void register() {
        worker.execute(() -> {
            wanted = true;
            cancelRetry();
            attempt();
        });
    }

    @Override
    public void unregister() {
        wanted = false;
        worker.execute(() -> {
            cancelRetry();
            disconnect();
            report(RegistrationState.UNREGISTERED);
        });
    }

    @Override
    public void close() {
        wanted = false;
        worker.execute(() -> {
            cancelRetry();
            disconnect();
            closed = true;
        });
        worker.shutdown();
    }

    @Override
    public CallLeg dial(String address, CallLegListener callListener) {
        throw new UnsupportedOperationException("XMPP accounts carry chat and presence, not calls");
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == PresencePublisher.class || type == MessageSender.class) {
            return Optional.of(type.cast(this));
        }
        if (type == Roster.class) {
            return Optional.of(type.cast(roster));
        }
        if (type == GroupChat.class) {
            return Optional.of(type.cast(groupChat));
        }
        return Optional.empty();
    }

    // ---- connection life cycle (worker thread) ----

    private void attempt() {
        if (!wanted) {
            return;
        }
        try {
            tryToConnect();
        } catch (RuntimeException | LinkageError e) {
            // a bug or a missing class must show as a state, not leave the account REGISTERING for ever
            LOG.log(Level.ERROR, "xmpp " + account.id() + ": connecting failed unexpectedly", e);
            disconnect();
            report(everOnline ? RegistrationState.connectionLost(describe(e)) : RegistrationState.failed(describe(e)));
            scheduleRetry();
        }
    }

    private void tryToConnect() {
        report(RegistrationState.REGISTERING);
        XMPPTCPConnection current;
        try {
            current = connection();
        } catch (IllegalArgumentException | UnknownHostException | XmppStringprepException e) {
            wanted = false;
            report(RegistrationState.failed("bad account settings: " + e.getMessage()));
            return;
        }
        trust.forgetRejection();
        try {
            if (!current.isConnected()) {
                current.connect();
            }
            if (!current.isAuthenticated()) {
                current.login();
            }
        } catch (SASLErrorException e) {
            wanted = false;
            disconnect();
            LOG.log(Level.WARNING, "xmpp {0}: the server refused the login ({1})", account.id(),
                    e.getMessage());
            report(RegistrationState.failed("authentication failed"));
            return;
        } catch (SmackException | IOException | XMPPException e) {
            disconnect();
            if (trust.rejectionReason() != null) {
                wanted = false;
                String fingerprint = trust.rejectedFingerprint().map(value -> "; its SHA-256 fingerprint is " + value
                        + " (set tls.pin to it to trust this certificate)").orElse("");
                report(RegistrationState.failed("certificate rejected: " + trust.rejectionReason() + fingerprint));
                return;
            }
            String reason = describe(e);
            report(everOnline ? RegistrationState.connectionLost(reason) : RegistrationState.failed(reason));
            scheduleRetry();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!current.streamWasResumed()) {
            sendOwnPresence(current);
            enableCarbons(current);
        }
        backoff.reset();
        everOnline = true;
        report(RegistrationState.REGISTERED);
    }

    private void scheduleRetry() {
        if (!wanted || worker.isShutdown()) {
            return;
        }
        long delay = backoff.next().toMillis();
        LOG.log(Level.INFO, "xmpp {0}: next connection attempt in {1} ms", account.id(), delay);
        retry = worker.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void connectionLost(Exception cause) {
        worker.execute(() -> {
            if (!wanted || reported.kind() != RegistrationState.Kind.REGISTERED) {
                return;
            }
            report(RegistrationState.connectionLost(describe(cause)));
            scheduleRetry();
        });
    }

    private void disconnect() {
        if (connection != null && connection.isConnected()) {
            connection.disconnect();
        }
    }

    private void report(RegistrationState state) {
        if (closed || state.equals(reported)) {
            return;
        }
        reported = state;
        listener.registrationChanged(state);
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** The one connection object, kept across reconnections so that the stream can be resumed. */
    private XMPPTCPConnection connection() throws UnknownHostException, XmppStringprepException {
        if (connection != null) {
            return connection;
        }
        XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(settings.jid().asDomainBareJid())
                .setUsernameAndPassword(settings.jid().getLocalpart(), password)
                .setResource(Resourcepart.from(settings.resource()))
                .setPort(settings.port())
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust)
                .setHostnameVerifier(trust.hostnameVerifier())
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false)
                .setCompressionEnabled(false)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        if (isAddressLiteral(settings.host())) {
            builder.setHostAddress(InetAddress.getByName(settings.host()));
        } else {
            builder.setHost((CharSequence) settings.host());
        }
        XMPPTCPConnection created = new XMPPTCPConnection(builder.build());
        created.setUseStreamManagement(true);
        created.setUseStreamManagementResumption(true);
        created.setPreferredResumptionTime(RESUMPTION_SECONDS);
        created.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                connectionLost(e);
            }
        });
        DeliveryReceiptManager receipts = DeliveryReceiptManager.getInstanceFor(created);
        // receipts are sent by hand, after the core has stored the message
        receipts.setAutoReceiptMode(AutoReceiptMode.disabled);
        receipts.addReceiptReceivedListener((from, to, receiptId, receipt) ->
                listener.messageDelivered(from.asBareJid().toString(), receiptId));
        created.addSyncStanzaListener(this::chatMessageReceived, MessageTypeFilter.NORMAL_OR_CHAT);
        CarbonManager.getInstanceFor(created).addCarbonCopyReceivedListener(this::carbonCopyReceived);
        roster.attach(created);
        groupChat.attach(created);
        connection = created;
        return created;
    }

    private static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private XMPPTCPConnection authenticatedConnection() {
        XMPPTCPConnection current = connection;
        if (current == null || !current.isAuthenticated()) {
            throw new IllegalStateException("account " + account.id() + " is not connected");
        }
        return current;
    }

    private void enableCarbons(XMPPConnection current) {
        CarbonManager carbons = CarbonManager.getInstanceFor(current);
        carbons.enableCarbonsAsync(failure -> LOG.log(Level.INFO, "xmpp {0}: no message carbons: {1}",
                account.id(), failure.getMessage()));
    }

    // ---- presence ----

    @Override
    public void publish(Presence presence) {
        ownPresence = presence;
        worker.execute(() -> {
            if (connection != null && connection.isAuthenticated()) {
                sendOwnPresence(connection);
            }
        });
    }

    private void sendOwnPresence(XMPPConnection current) {
        Presence own = ownPresence;
        var builder = current.getStanzaFactory().buildPresenceStanza();
        if (own.availability() == Availability.OFFLINE) {
            builder.ofType(org.jivesoftware.smack.packet.Presence.Type.unavailable);
        } else {
            builder.ofType(org.jivesoftware.smack.packet.Presence.Type.available)
                    .setMode(XmppPresences.mode(own.availability()))
                    .setPriority(settings.priority());
        }
        if (!own.note().isEmpty()) {
            builder.setStatus(own.note());
        }
        try {
            current.sendStanza(builder.build());
        } catch (SmackException.NotConnectedException e) {
            LOG.log(Level.INFO, "xmpp {0}: presence not sent, the connection is down; sent again after login",
                    account.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- messages ----

    @Override
    public dev.switchboard.core.messaging.Message send(String to, String text) {
        XMPPTCPConnection current = authenticatedConnection();
        EntityBareJid recipient;
        try {
            recipient = JidCreate.entityBareFrom(to);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an XMPP address: " + to);
        }
        if (groupChat.isJoined(recipient)) {
            return groupChat.send(recipient, text);
        }
        Message message = current.getStanzaFactory().buildMessageStanza()
                .ofType(Message.Type.chat)
                .to(recipient)
                .setBody(text)
                .addExtension(new ChatStateExtension(ChatState.active))
                .build();
        DeliveryReceiptManager.addDeliveryReceiptRequest(message);
        try {
            current.sendStanza(message);
        } catch (SmackException.NotConnectedException e) {
            throw new IllegalStateException("account " + account.id() + " is not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending");
        }
        return new dev.switchboard.core.messaging.Message(message.getStanzaId(), account.id(), recipient.toString(),
                false, settings.jid().toString(), text, Instant.now());
    }

    private void chatMessageReceived(Stanza stanza) {
        Message message = (Message) stanza;
        if (message.getBody() == null || message.hasExtension(CarbonExtension.NAMESPACE)) {
            return; // chat states alone, receipts, and carbons (handled by carbonCopyReceived)
        }
        Jid from = message.getFrom();
        if (from == null) {
            return;
        }
        String peer = from.asBareJid().toString();
        listener.messageReceived(new dev.switchboard.core.messaging.Message(id(message), account.id(), peer, true,
                peer, message.getBody(), timestamp(message)));
        if (DeliveryReceiptManager.hasDeliveryReceiptRequest(message) && message.getStanzaId() != null) {
            try {
                connection.sendStanza(DeliveryReceiptManager.receiptMessageFor(message));
            } catch (SmackException.NotConnectedException e) {
                LOG.log(Level.INFO, "xmpp {0}: receipt for {1} not sent, the connection is down", account.id(),
                        message.getStanzaId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A message another client of the same account sent or received (XEP-0280). */
    private void carbonCopyReceived(CarbonExtension.Direction direction, Message copy, Message wrapper) {
        if (copy.getBody() == null) {
            return;
        }
        boolean incoming = direction == CarbonExtension.Direction.received;
        Jid peerJid = incoming ? copy.getFrom() : copy.getTo();
        if (peerJid == null) {
            return;
        }
        String peer = peerJid.asBareJid().toString();
        listener.messageReceived(new dev.switchboard.core.messaging.Message(id(copy), account.id(), peer, incoming,
                incoming ? peer : settings.jid().toString(), copy.getBody(), timestamp(copy)));
    }

    static String id(Message message) {
        return message.getStanzaId() != null ? message.getStanzaId() : UUID.randomUUID().toString();
    }

    /** When it was sent: the delay stamp of offline or archived messages, else now. */
    static Instant timestamp(Message message) {
        DelayInformation delay = DelayInformation.from(message);
        return delay != null && delay.getStamp() != null ? delay.getStamp().toInstant() : Instant.now();
    }
}

package dev.switchboard.protocol.xmpp.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.XmlElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.forward.packet.Forwarded;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager;
import org.jivesoftware.smackx.receipts.DeliveryReceiptManager.AutoReceiptMode;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;

import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.messaging.ChatStates;
import dev.switchboard.core.messaging.FileTransfer;
import dev.switchboard.core.messaging.GroupChat;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.ContactDetails;
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
 * <p>
 * After each login that did not resume the stream, the server's message archive (XEP-0313) is read
 * from where the last read stopped (the newest page on the first login) and its messages handed to
 * the core like live ones, so that what other clients of the account sent or received while this
 * one was away reaches the history; the history keeps each message id once, and the session skips
 * ids it already reported.
 * <p>
 * No message is lost across a connection loss that cannot be resumed (a server restart): the archive
 * read runs again after every such login from the archive id of the newest message known (read from the
 * archive, or the XEP-0359 stanza-id the server stamped on a live message while no read was pending); a
 * read the loss interrupted stays pending and runs again. Incoming messages found by such a catch-up get
 * their receipt then. Our chat messages and receipts stay in the {@link Outbox} from sending until the
 * server acknowledged them (XEP-0198); after a login that started a new stream everything still there is
 * sent again, with the ids unchanged so that the receiver keeps each once. The outbox and the archive
 * position are kept in the profile's store ({@link XmppStorage}), so a program restart or crash continues
 * where the last run stopped.
 */
final class XmppSession implements ProtocolSession, PresencePublisher, MessageSender, ChatStates {

    private static final Logger LOG = System.getLogger(XmppSession.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long close() waits for the stream to end: Smack waits up to its reply timeout (5 s) for the server's end. */
    private static final int CLOSE_WAIT_SECONDS = 10;
    /** Asked of the server; Prosody keeps a session resumable for up to this long after it drops. */
    private static final int RESUMPTION_SECONDS = 300;
    /** Messages read from the archive on the first login, and per page on later ones. */
    private static final int ARCHIVE_PAGE = 100;
    /**
     * The archive position after a read of the newest page found the archive empty: the next read starts at the
     * archive's beginning. Without it an empty first read (or one whose stored position the server no longer had)
     * left the position unset or stale, and the next login read only the newest page again, missing what lay
     * beyond it (a server restart with more than a page of messages since).
     */
    private static final String ARCHIVE_START = "";
    /** Archive pages read at most per login, so that a huge archive cannot stall the session. */
    private static final int ARCHIVE_PAGES = 50;
    /** Message ids remembered to report each message once. */
    private static final int REMEMBERED_IDS = 10_000;
    /** Messages kept for sending while the account reconnects; beyond this, send() fails. */
    private static final int OUTBOX_LIMIT = 1_000;
    private static final String STANZA_ID_NAMESPACE = "urn:xmpp:sid:0";

    private final Account account;
    private final XmppSettings settings;
    private final String password;
    private final SessionListener listener;
    private final PinningTrustManager trust;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor worker;
    private final XmppRoster roster;
    private final XmppGroupChat groupChat;
    private final XmppContactDetails contactDetails;
    private final XmppFileTransfer fileTransfer;
    private final ChatStateListener chatStateListener;
    private final Map<String, Boolean> reportedIds = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };

    /** Chat messages and receipts not acknowledged by the server yet, also kept in the store. */
    private final Outbox outbox;
    private final XmppStorage storage;
    /** The account's key in the storage: its id and JID. */
    private final String storageKey;
    /** Whether a write of the archive position to the store is queued on the worker. */
    private final AtomicBoolean positionSaveQueued = new AtomicBoolean();
    /** Unacknowledged stanzas Smack still had of the last stream, for the log of a new one. */
    private final AtomicInteger droppedBySmack = new AtomicInteger();
    /** Number of the current stream (a login that did not resume starts a new one); 0 before the first login. */
    private volatile int stream;
    private final Object archiveCursorLock = new Object();
    /** Archive id (XEP-0313 result id / stanza-id) of the newest archived message known; null before the first read. */
    private String archiveReadUntil; // guarded by archiveCursorLock
    /** True from a login that did not resume until an archive read completes; live stanza-ids do not move the cursor meanwhile. */
    private boolean archiveReadPending = true; // guarded by archiveCursorLock

    // worker thread only
    private XMPPTCPConnection connection;
    private ScheduledFuture<?> retry;
    private boolean everOnline;
    /** An earlier run of the account left an archive position: even the first read is a catch-up. */
    private final boolean earlierRunRead;

    /** The worker's thread, so that close() called from it does not wait for itself. */
    private volatile Thread workerThread;
    private volatile boolean wanted;
    private volatile boolean closed;
    private volatile RegistrationState reported = RegistrationState.UNREGISTERED;
    private volatile Presence ownPresence = new Presence(Availability.AVAILABLE, "");

    XmppSession(Account account, XmppSettings settings, char[] secret, SessionListener listener,
            ChatStateListener chatStateListener, Backoff backoff, XmppStorage storage) {
        this.account = account;
        this.storage = storage;
        // with the JID: an account whose address changed must not send the old one's stanzas
        this.storageKey = account.id() + ' ' + settings.jid();
        this.outbox = new Outbox(storageKey, storage, OUTBOX_LIMIT);
        try {
            this.archiveReadUntil = storage.archivePosition(storageKey).orElse(null);
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "xmpp {0}: the archive position of the last run could not be read; reading the"
                    + " newest page: {1}", account.id(), e.getMessage());
        }
        // an earlier run was online: what the archive got since is caught up like after a reconnection
        this.earlierRunRead = archiveReadUntil != null;
        this.settings = settings;
        this.password = new String(secret);
        this.listener = listener;
        this.trust = new PinningTrustManager(settings.pinnedSha256());
        this.backoff = backoff;
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "xmpp-" + account.id());
            thread.setDaemon(true);
            workerThread = thread;
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.roster = new XmppRoster(this::authenticatedConnection, listener,
                new XmppRosterCache(storage, storageKey + ' ' + settings.host() + ':' + settings.port()));
        this.groupChat = new XmppGroupChat(account.id(), this::authenticatedConnection, listener);
        this.contactDetails = new XmppContactDetails(this::authenticatedConnection);
        this.fileTransfer = new XmppFileTransfer(account.id(), this::authenticatedConnection, this::sendFileLink);
        this.chatStateListener = chatStateListener;
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
        if (worker.isShutdown()) {
            return; // closed before
        }
        worker.execute(() -> {
            cancelRetry();
            disconnect();
            closed = true;
            roster.flushCache();
            int unsent = outbox.size();
            if (unsent > 0) {
                LOG.log(Level.INFO, "xmpp {0}: closed with {1} messages or receipts the server has not acknowledged;"
                        + " they are sent at the next start", account.id(), unsent);
            }
        });
        worker.shutdown();
        // returns once the stream is closed (unavailable presence and </stream> sent), so that a session the
        // caller opens next for the same account does not meet this one's resource still bound at the server
        if (Thread.currentThread() == workerThread) {
            return; // called from one of our own reports: the queued disconnect runs once this task returns
        }
        try {
            if (!worker.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "xmpp {0}: the connection did not close within {1} s", account.id(),
                        CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CallLeg dial(String address, CallLegListener callListener) {
        throw new UnsupportedOperationException("XMPP accounts carry chat and presence, not calls");
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == PresencePublisher.class || type == MessageSender.class || type == ChatStates.class) {
            return Optional.of(type.cast(this));
        }
        if (type == Roster.class) {
            return Optional.of(type.cast(roster));
        }
        if (type == GroupChat.class) {
            return Optional.of(type.cast(groupChat));
        }
        if (type == ContactDetails.class) {
            return Optional.of(type.cast(contactDetails));
        }
        if (type == FileTransfer.class) {
            return Optional.of(type.cast(fileTransfer));
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
        boolean resumed = current.streamWasResumed();
        if (!resumed) {
            stream++;
            synchronized (archiveCursorLock) {
                archiveReadPending = true;
            }
            try {
                roster.awaitLoaded(current);
                sendOwnPresence(current);
                enableCarbons(current);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        backoff.reset();
        boolean catchUp = everOnline || earlierRunRead;
        everOnline = true;
        report(RegistrationState.REGISTERED);
        sendOutbox(current);
        boolean readPending;
        synchronized (archiveCursorLock) {
            readPending = archiveReadPending;
        }
        if (!resumed || readPending) {
            readArchive(current, catchUp);
        }
    }

    /** Hands the current stream what the outbox holds and was not handed to it, oldest first. */
    private void sendOutbox(XMPPTCPConnection current) {
        int onStream = stream;
        List<Message> due = outbox.handOverAll(onStream);
        int smackHad = droppedBySmack.getAndSet(0);
        if (!due.isEmpty()) {
            // Smack's count of its own unacknowledged stanzas (all kinds) shows what relying on it would have lost
            LOG.log(Level.INFO, "xmpp {0}: sending {1} messages or receipts the server has not acknowledged"
                    + " (Smack still had {2} unacknowledged stanzas of the last stream)", account.id(), due.size(),
                    smackHad);
        }
        for (Message stanza : due) {
            if (!write(current, stanza, onStream)) {
                return;
            }
        }
    }

    /**
     * Keeps a chat message or receipt in the outbox and, if the account is online, sends it; otherwise the
     * next login does. False when the outbox is full.
     */
    private boolean sendKept(Message stanza) {
        if (!outbox.add(stanza)) {
            return false;
        }
        XMPPTCPConnection current = connection;
        int onStream = stream;
        if (current != null && onStream != 0 && current.isAuthenticated() && outbox.handOver(stanza.getStanzaId(), onStream)) {
            write(current, stanza, onStream);
        }
        return true;
    }

    /** Writes a kept stanza into the stream; false (and it waits for the next stream) if the connection refuses it. */
    private boolean write(XMPPTCPConnection current, Message stanza, int onStream) {
        try {
            current.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            outbox.refused(stanza.getStanzaId(), onStream);
            return false;
        } catch (InterruptedException e) {
            outbox.refused(stanza.getStanzaId(), onStream);
            Thread.currentThread().interrupt();
            return false;
        }
        if (!current.isSmEnabled()) {
            // the server keeps no count of what it got: handing the stanza over is all there is
            outbox.acknowledged(stanza.getStanzaId());
        }
        return true;
    }

    /** Moves the archive cursor to a live message's stanza-id (stamped by our own server) unless a read is pending. */
    private void noteArchiveId(Message message) {
        XmlElement element = message.getExtensionElement("stanza-id", STANZA_ID_NAMESPACE);
        String id = null;
        String by = null;
        if (element instanceof org.jivesoftware.smackx.sid.element.StanzaIdElement stanzaId) {
            id = stanzaId.getId();
            by = stanzaId.getBy();
        } else if (element instanceof StandardExtensionElement standard) {
            id = standard.getAttributeValue("id");
            by = standard.getAttributeValue("by");
        }
        if (id == null || !settings.jid().toString().equals(by)) {
            return;
        }
        synchronized (archiveCursorLock) {
            if (archiveReadPending) {
                return;
            }
            archiveReadUntil = id;
        }
        queueArchivePositionSave();
    }

    /** Writes the archive position on the worker, one write for a burst of live messages. */
    private void queueArchivePositionSave() {
        if (!positionSaveQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(this::saveArchivePosition);
        } catch (RejectedExecutionException closedMeanwhile) {
            saveArchivePosition();
        }
    }

    private void saveArchivePosition() {
        positionSaveQueued.set(false);
        String position;
        synchronized (archiveCursorLock) {
            position = archiveReadUntil;
        }
        if (position == null) {
            return;
        }
        try {
            storage.saveArchivePosition(storageKey, position);
        } catch (SQLException e) {
            // the next start then reads from an older position: messages are reported once all the same
            LOG.log(Level.WARNING, "xmpp {0}: the archive position could not be stored: {1}", account.id(),
                    e.getMessage());
        }
    }

    /**
     * Hands the archive's messages since the newest one known to the core (worker thread). On a catch-up
     * (any login after the first) incoming messages reported for the first time get their receipt. Only
     * a read that reaches its end clears the pending mark, so one the connection loss cut short runs again.
     */
    private void readArchive(XMPPTCPConnection current, boolean catchUp) {
        try {
            MamManager archive = MamManager.getInstanceFor(current);
            if (!archive.isSupported()) {
                LOG.log(Level.INFO, "xmpp {0}: the server keeps no message archive", account.id());
                return;
            }
            String cursor;
            synchronized (archiveCursorLock) {
                cursor = archiveReadUntil;
            }
            for (int page = 0; page < ARCHIVE_PAGES; page++) {
                MamManager.MamQueryArgs.Builder query = MamManager.MamQueryArgs.builder()
                        .setResultPageSizeTo(ARCHIVE_PAGE);
                if (cursor == null) {
                    query.queryLastPage();
                } else if (!cursor.equals(ARCHIVE_START)) {
                    query.afterUid(cursor);
                }
                MamManager.MamQuery result;
                try {
                    result = archive.queryArchive(query.build());
                } catch (XMPPException.XMPPErrorException e) {
                    if (cursor == null || cursor.equals(ARCHIVE_START) || e.getStanzaError().getCondition()
                            != org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found) {
                        throw e;
                    }
                    // the archive no longer has our cursor (expired): its newest page is the best we can do
                    LOG.log(Level.WARNING, "xmpp {0}: the archive lost message {1}; reading its newest page",
                            account.id(), cursor);
                    cursor = null;
                    continue;
                }
                List<MamResultExtension> results = result.getMamResultExtensions();
                archived(current, results, catchUp);
                if (!results.isEmpty() || cursor == null) {
                    cursor = results.isEmpty() ? ARCHIVE_START : results.get(results.size() - 1).getId();
                    synchronized (archiveCursorLock) {
                        archiveReadUntil = cursor;
                    }
                    saveArchivePosition();
                }
                if (result.isComplete() || results.isEmpty()) {
                    break;
                }
            }
            synchronized (archiveCursorLock) {
                archiveReadPending = false;
            }
        } catch (SmackException | XMPPException e) {
            LOG.log(Level.WARNING, "xmpp {0}: the message archive could not be read (read again after the next"
                    + " login): {1}", account.id(), describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void archived(XMPPTCPConnection current, List<MamResultExtension> results, boolean catchUp) {
        for (MamResultExtension result : results) {
            Forwarded<Message> forwarded = result.getForwarded();
            Message message = forwarded.getForwardedStanza();
            DeliveryReceipt receipt = DeliveryReceipt.from(message);
            if (receipt != null && message.getFrom() != null && !message.getFrom().asBareJid().equals(settings.jid())
                    && receipt.getId() != null && !receipt.getId().isBlank()) {
                // a receipt the dying server had taken but not passed on: archived because we ask for it
                listener.messageDelivered(message.getFrom().asBareJid().toString(), receipt.getId());
                continue;
            }
            if (message.getBody() == null || message.getType() == Message.Type.groupchat) {
                continue;
            }
            Instant sent = forwarded.getDelayInformation() != null
                    ? forwarded.getDelayInformation().getStamp().toInstant() : timestamp(message);
            Jid from = message.getFrom();
            Jid to = message.getTo();
            boolean incoming = from == null || !from.asBareJid().equals(settings.jid());
            Jid peerJid = incoming ? from : to;
            if (peerJid == null) {
                continue;
            }
            String peer = peerJid.asBareJid().toString();
            boolean first = reportOnce(new dev.switchboard.core.messaging.Message(id(message), account.id(), peer,
                    incoming, incoming ? peer : settings.jid().toString(), message.getBody(), sent));
            if (first && catchUp && incoming && from != null) {
                // it was on its way to us when the connection broke: the sender still waits for its receipt
                sendReceipt(current, message);
            }
        }
    }

    /** Reports a message unless this session already did (live and archived copies share the id). */
    private boolean reportOnce(dev.switchboard.core.messaging.Message message) {
        String key = (message.incoming() ? "in:" : "out:") + message.peer() + '/' + message.id();
        synchronized (reportedIds) {
            if (reportedIds.put(key, Boolean.TRUE) != null) {
                return false;
            }
        }
        listener.messageReceived(message);
        return true;
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
            report(RegistrationState.connectionLost(lossReason(cause)));
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

    /**
     * Why the connection dropped, in words for the user. The one XML stream cannot go on past a
     * parser error, so an element nested deeper than the JDK's parser takes (jdk.xml.maxElementDepth)
     * ends the connection rather than one stanza; the reason says so instead of only the parser's code.
     */
    static String lossReason(Throwable cause) {
        String detail = describe(cause);
        if (detail.contains("maxElementDepth")) {
            return "the server sent XML nested deeper than the parser allows, so the stream was dropped and is"
                    + " resumed without that stanza (" + detail + ")";
        }
        return detail;
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
                .setCustomX509TrustManager(trust)
                .setHostnameVerifier(trust.hostnameVerifier())
                .addEnabledSaslMechanism("SCRAM-SHA-1")
                .setSendPresence(false)
                .setCompressionEnabled(false)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        if (settings.directTls()) {
            // the socket is TLS already; Smack only counts STARTTLS as security, so it must not ask for it
            builder.setSocketFactory(new DirectTlsSocketFactory(trust, settings.jid().getDomain().toString()))
                    .setSecurityMode(SecurityMode.disabled);
        } else {
            builder.setSecurityMode(SecurityMode.required);
        }
        if (isAddressLiteral(settings.host())) {
            builder.setHostAddress(InetAddress.getByName(settings.host()));
        } else {
            builder.setHost((CharSequence) settings.host());
        }
        XMPPTCPConnection created = new XMPPTCPConnection(builder.build());
        created.setUseStreamManagement(true);
        created.setUseStreamManagementResumption(true);
        created.setPreferredResumptionTime(RESUMPTION_SECONDS);
        // with a dropped-stanza listener Smack does not resend the unacknowledged stanzas of a stream that
        // could not be resumed itself (old presences and queries ahead of the new login's own): the outbox
        // sends our messages and receipts again, whatever Smack still had of them
        created.addStanzaDroppedListener(dropped -> droppedBySmack.incrementAndGet());
        // a stanza Smack cannot parse (a bogus extension from some other user) is dropped and logged,
        // not allowed to tear down the connection, which Smack's default would do
        created.setParsingExceptionCallback(unparsable -> LOG.log(Level.WARNING,
                "xmpp {0}: dropped a stanza that could not be parsed: {1}", account.id(),
                describe(unparsable.getParsingException())));
        created.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                connectionLost(e);
            }
        });
        created.addStanzaAcknowledgedListener(acknowledged -> outbox.acknowledged(acknowledged.getStanzaId()));
        DeliveryReceiptManager receipts = DeliveryReceiptManager.getInstanceFor(created);
        // receipts are sent by hand, after the core has stored the message
        receipts.setAutoReceiptMode(AutoReceiptMode.disabled);
        receipts.addReceiptReceivedListener((from, to, receiptId, receipt) -> {
            if (receiptId != null && !receiptId.isBlank()) { // a receipt naming no message confirms nothing
                listener.messageDelivered(from.asBareJid().toString(), receiptId);
            }
        });
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

    /**
     * Asks for message carbons and waits for the answer. Waiting also makes REGISTERED mean "the server
     * has our initial presence": it handles a client's stanzas in order, so once it answered this request
     * it has processed the presence sent before it. Reported earlier, a peer's message sent on our
     * REGISTERED could reach the server first and be stored as offline (its chat state then arrives
     * stale, and body-less typing notifications are dropped).
     */
    private void enableCarbons(XMPPConnection current) throws InterruptedException {
        try {
            CarbonManager.getInstanceFor(current).enableCarbons();
        } catch (XMPPException.XMPPErrorException e) {
            LOG.log(Level.INFO, "xmpp {0}: no message carbons: {1}", account.id(), e.getStanzaError().getCondition());
        } catch (SmackException | XMPPException e) {
            LOG.log(Level.INFO, "xmpp {0}: no answer to the message carbons request: {1}", account.id(), describe(e));
        }
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
        XMPPTCPConnection current = connection;
        if (current == null || !wanted) {
            throw new IllegalStateException("account " + account.id() + " is not connected");
        }
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
        if (!sendKept(message)) {
            throw new IllegalStateException("account " + account.id() + ": " + OUTBOX_LIMIT
                    + " messages wait for the server already");
        }
        synchronized (reportedIds) {
            reportedIds.put("out:" + recipient + '/' + message.getStanzaId(), Boolean.TRUE);
        }
        return new dev.switchboard.core.messaging.Message(message.getStanzaId(), account.id(), recipient.toString(),
                false, settings.jid().toString(), text, Instant.now());
    }

    /**
     * Sends a file's link and reports it to the core like a message another client of the account sent
     * (incoming false), so that the history and the front ends show the sent file: the transfer runs in
     * the background, not through the core's messaging service, which reports what it sends itself.
     */
    private void sendFileLink(String to, String link) {
        listener.messageReceived(send(to, link));
    }

    @Override
    public void send(String peer, dev.switchboard.core.messaging.ChatState state) {
        XMPPTCPConnection current = authenticatedConnection();
        EntityBareJid recipient;
        try {
            recipient = JidCreate.entityBareFrom(peer);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an XMPP address: " + peer);
        }
        Message message = current.getStanzaFactory().buildMessageStanza()
                .ofType(Message.Type.chat)
                .to(recipient)
                .addExtension(new ChatStateExtension(XmppChatStates.toXmpp(state)))
                .build();
        try {
            current.sendStanza(message);
        } catch (SmackException.NotConnectedException e) {
            throw new IllegalStateException("account " + account.id() + " is not connected");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending");
        }
    }

    private void chatMessageReceived(Stanza stanza) {
        Message message = (Message) stanza;
        if (message.hasExtension(CarbonExtension.NAMESPACE)) {
            return; // carbons are handled by carbonCopyReceived
        }
        Jid from = message.getFrom();
        if (from == null) {
            return;
        }
        String peer = from.asBareJid().toString();
        if (message.getExtension(ChatStateExtension.NAMESPACE) instanceof ChatStateExtension chatState
                && DelayInformation.from(message) == null) {
            // a delayed (offline) message's state is stale: nobody is typing now
            chatStateListener.chatStateChanged(account.id(), peer, XmppChatStates.fromXmpp(chatState.getChatState()));
        }
        if (message.getBody() == null) {
            return; // chat states alone, receipts
        }
        reportOnce(new dev.switchboard.core.messaging.Message(id(message), account.id(), peer, true,
                peer, message.getBody(), timestamp(message)));
        noteArchiveId(message);
        // also for a copy already reported: the sender resends when it missed our first receipt
        sendReceipt(connection, message);
    }

    /** The receipt a message asked for; one the dead connection refuses waits in the outbox. */
    private void sendReceipt(XMPPTCPConnection current, Message message) {
        if (!DeliveryReceiptManager.hasDeliveryReceiptRequest(message) || message.getStanzaId() == null) {
            return;
        }
        // archived (XEP-0334 store hint) so that a receipt lost in a dying server reaches the sender's catch-up
        Message plain = DeliveryReceiptManager.receiptMessageFor(message);
        // the outbox needs an id to match the server's acknowledgement
        String receiptId = plain.getStanzaId() != null ? plain.getStanzaId() : UUID.randomUUID().toString();
        Message receipt = plain.asBuilder(receiptId)
                .addExtension(StandardExtensionElement.builder("store", "urn:xmpp:hints").build())
                .build();
        try {
            if (!sendKept(receipt)) {
                LOG.log(Level.WARNING, "xmpp {0}: outbox full, receipt for {1} not sent", account.id(),
                        message.getStanzaId());
            }
        } catch (IllegalStateException e) {
            // the store failed: the receipt goes out unkept rather than not at all
            LOG.log(Level.WARNING, "xmpp {0}: receipt for {1} sent without keeping it: {2}", account.id(),
                    message.getStanzaId(), e.getMessage());
            try {
                current.sendStanza(receipt);
            } catch (SmackException.NotConnectedException notConnected) {
                LOG.log(Level.INFO, "xmpp {0}: receipt for {1} lost with the connection", account.id(),
                        message.getStanzaId());
            } catch (InterruptedException interrupted) {
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
        reportOnce(new dev.switchboard.core.messaging.Message(id(copy), account.id(), peer, incoming,
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

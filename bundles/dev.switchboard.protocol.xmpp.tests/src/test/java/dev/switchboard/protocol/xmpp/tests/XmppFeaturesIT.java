package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.messaging.ChatStates;
import dev.switchboard.core.messaging.FileTransfer;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.TransferListener;
import dev.switchboard.core.presence.Avatar;
import dev.switchboard.core.presence.ContactDetails;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.Subscription;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.history.internal.StoredHistory;
import dev.switchboard.store.internal.H2Store;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/** Direct TLS, chat states, last activity, avatars, HTTP upload and the message archive against a real Prosody. */
class XmppFeaturesIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("alice", "alice123").user("bob", "bob123").user("carol", "carol123").user("dave", "dave123")
            .user("erin", "erin123").user("frank", "frank123").user("grace", "grace123").start());

    @TempDir
    Path directory;

    private final List<ProtocolSession> opened = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @AfterEach
    void closeSessions() {
        opened.forEach(ProtocolSession::close);
        registrations.forEach(ServiceRegistration::unregister);
    }

    private String address(String user) {
        return user + "@" + PROSODY.get().domain();
    }

    private ProtocolSession online(Account account, String password, Recorder recorder) throws Exception {
        ProtocolSession session = XmppPeers.provider().open(account, password.toCharArray(), recorder);
        opened.add(session);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    private ProtocolSession online(String user, String password, Recorder recorder) throws Exception {
        return online(XmppPeers.account(PROSODY.get(), user, true), password, recorder);
    }

    @Test
    void directTlsLogsInAndChecksTheCertificate() throws Exception {
        Prosody prosody = PROSODY.get();
        Map<String, String> direct = Map.of("port", Integer.toString(prosody.directTlsPort()), "tls.direct", "true");
        Recorder rejected = new Recorder();
        ProtocolSession unpinned = XmppPeers.provider().open(XmppPeers.account(prosody, "carol", false).with(direct),
                "carol123".toCharArray(), rejected);
        opened.add(unpinned);
        unpinned.register();
        RegistrationState failure = rejected.awaitState(RegistrationState.Kind.FAILED);
        assertTrue(failure.reason().startsWith("certificate rejected") && failure.reason().contains(
                XmppPeers.fingerprint(prosody)), failure.reason());

        Recorder carol = new Recorder();
        Recorder dave = new Recorder();
        ProtocolSession carolSession = online(XmppPeers.account(prosody, "carol", true).with(direct), "carol123", carol);
        online("dave", "dave123", dave);
        Message sent = carolSession.capability(MessageSender.class).orElseThrow().send(address("dave"), "over direct TLS");
        dave.await(Message.class, m -> m.id().equals(sent.id()) && m.text().equals("over direct TLS"), "carol's message");

        // the STARTTLS port does not speak TLS first: a clear failure, not a hang
        Recorder wrongPort = new Recorder();
        ProtocolSession confused = XmppPeers.provider().open(XmppPeers.account(prosody, "erin", true)
                .with(Map.of("tls.direct", "true")), "erin123".toCharArray(), wrongPort);
        opened.add(confused);
        confused.register();
        assertFalse(wrongPort.awaitState(RegistrationState.Kind.FAILED).reason().isBlank());
    }

    @Test
    void typingIsReportedToChatStateListeners() throws Exception {
        BlockingQueue<List<String>> states = new LinkedBlockingQueue<>();
        ChatStateListener listener = (accountId, peer, state) -> states.add(List.of(accountId, peer, state.name()));
        registrations.add(FrameworkUtil.getBundle(getClass()).getBundleContext()
                .registerService(ChatStateListener.class, listener, null));
        ProtocolSession alice = online("alice", "alice123", new Recorder());
        online("frank", "frank123", new Recorder());

        // sent at once on frank's REGISTERED: this used to race frank's initial presence, and when it won,
        // Prosody stored the message as offline and delivered it with a delay stamp, whose (stale) state
        // the session rightly ignores. REGISTERED now comes only after the server has the presence.
        alice.capability(MessageSender.class).orElseThrow().send(address("frank"), "hello");
        assertEquals(List.of("frank", address("alice"), "ACTIVE"), states.poll(20, TimeUnit.SECONDS));
        ChatStates aliceStates = alice.capability(ChatStates.class).orElseThrow();
        aliceStates.send(address("frank"), ChatState.COMPOSING);
        assertEquals(List.of("frank", address("alice"), "COMPOSING"), states.poll(20, TimeUnit.SECONDS));
        aliceStates.send(address("frank"), ChatState.PAUSED);
        assertEquals(List.of("frank", address("alice"), "PAUSED"), states.poll(20, TimeUnit.SECONDS));
    }

    @Test
    void lastActivityOfASubscribedContactAndNoneOfAStranger() throws Exception {
        ProtocolSession dave = online("dave", "dave123", new Recorder());
        Recorder erinRecorder = new Recorder();
        ProtocolSession erin = online("erin", "erin123", erinRecorder);
        Roster daveRoster = dave.capability(Roster.class).orElseThrow();
        Roster erinRoster = erin.capability(Roster.class).orElseThrow();
        daveRoster.add(address("erin"), "Erin", Set.of());
        XmppSessionIT.awaitTrue(() -> erinRoster.pendingRequests().contains(address("dave")), "erin sees the request");
        erinRoster.approve(address("dave"));
        XmppSessionIT.awaitTrue(() -> daveRoster.entries().stream().anyMatch(
                e -> e.address().equals(address("erin")) && e.subscription() == Subscription.TO), "dave subscribed");

        erin.unregister();
        erinRecorder.awaitState(RegistrationState.Kind.UNREGISTERED);
        ContactDetails details = dave.capability(ContactDetails.class).orElseThrow();
        XmppSessionIT.awaitTrue(() -> details.idleTime(address("erin")).isPresent(), "erin's last activity");
        Duration idle = details.idleTime(address("erin")).orElseThrow();
        assertTrue(!idle.isNegative() && idle.compareTo(Duration.ofMinutes(1)) < 0, "idle " + idle);
        // carol never shared her presence with dave: the server does not tell
        assertTrue(details.idleTime(address("carol")).isEmpty());
    }

    @Test
    void avatarPublishedByOneIsFetchedByTheOther() throws Exception {
        ProtocolSession alice = online("alice", "alice123", new Recorder());
        ProtocolSession bob = online("bob", "bob123", new Recorder());
        byte[] png = new byte[3000];
        new Random(5).nextBytes(png);
        alice.capability(ContactDetails.class).orElseThrow().publishAvatar(new Avatar("image/png", png));

        Avatar fetched = bob.capability(ContactDetails.class).orElseThrow().avatar(address("alice")).orElseThrow();
        assertEquals("image/png", fetched.mimeType());
        assertArrayEquals(png, fetched.image());
        assertTrue(bob.capability(ContactDetails.class).orElseThrow().avatar(address("carol")).isEmpty(),
                "carol has published no avatar");
    }

    /** A transfer's reports, in order. */
    private static final class Progress implements TransferListener {
        final List<Long> transferred = new CopyOnWriteArrayList<>();
        volatile long total;
        final CompletableFuture<List<String>> outcome = new CompletableFuture<>();

        @Override
        public void progress(long done, long size) {
            transferred.add(done);
            total = size;
        }

        @Override
        public void done(URI link, String sha256) {
            outcome.complete(List.of("done", link.toString(), sha256));
        }

        @Override
        public void failed(String reason) {
            outcome.complete(List.of("failed", reason));
        }

        List<String> await() throws Exception {
            return outcome.get(Recorder.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void fiveMegabyteFileByHttpUploadWithProgressAndChecksum() throws Exception {
        Recorder bobRecorder = new Recorder();
        Recorder aliceRecorder = new Recorder();
        ProtocolSession alice = online("alice", "alice123", aliceRecorder);
        ProtocolSession bob = online("bob", "bob123", bobRecorder);
        byte[] content = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(content);
        Path file = Files.write(directory.resolve("report.bin"), content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        Progress upload = new Progress();
        alice.capability(FileTransfer.class).orElseThrow().send(address("bob"), file, upload);
        List<String> uploaded = upload.await();
        assertEquals("done", uploaded.get(0), uploaded.toString());
        assertEquals(sha256, uploaded.get(2));
        assertEquals(content.length, upload.total);
        assertTrue(upload.transferred.size() > 10, "progress reported as the bytes moved: " + upload.transferred.size());
        assertEquals((long) content.length, upload.transferred.get(upload.transferred.size() - 1));

        Message link = bobRecorder.await(Message.class, m -> m.text().equals(uploaded.get(1)), "the file's link");
        // the sender's core hears of the link message too (its history and front ends show the sent file)
        Message sentLink = aliceRecorder.await(Message.class, m -> m.text().equals(uploaded.get(1)), "the sent link");
        assertFalse(sentLink.incoming());
        assertEquals(address("bob"), sentLink.peer());
        assertEquals(link.id(), sentLink.id());
        Path received = directory.resolve("received.bin");
        Progress download = new Progress();
        bob.capability(FileTransfer.class).orElseThrow().download(URI.create(link.text()), received, download);
        List<String> downloaded = download.await();
        assertEquals(List.of("done", link.text(), sha256), downloaded);
        assertArrayEquals(content, Files.readAllBytes(received));

        // larger than the service takes: a clear failure, nothing sent
        Path huge = directory.resolve("huge.bin");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(20L * 1024 * 1024);
        }
        Progress refused = new Progress();
        alice.capability(FileTransfer.class).orElseThrow().send(address("bob"), huge, refused);
        List<String> outcome = refused.await();
        assertEquals("failed", outcome.get(0), outcome.toString());
        // a link that is not there (Prosody finds files by the slot id, the path segment before the name)
        Progress missing = new Progress();
        assertTrue(link.text().contains("/file_share/"), link.text());
        bob.capability(FileTransfer.class).orElseThrow().download(URI.create(link.text().replace("/file_share/",
                "/file_share/0")),
                directory.resolve("gone.bin"), missing);
        assertEquals("failed", missing.await().get(0));
        assertFalse(Files.exists(directory.resolve("gone.bin")), "no partial file under the target's name");
    }

    @Test
    void archiveFillsTheHistoryOnceWithWhatAnotherClientExchanged() throws Exception {
        // frank chats with grace on his phone; his desk client is off
        Recorder grace = new Recorder();
        ProtocolSession graceSession = online("grace", "grace123", grace);
        // another device: an account of its own profile (the provider keeps an archive position per account)
        ProtocolSession phone = online(new Account("frank-phone", "xmpp", XmppPeers.account(PROSODY.get(), "frank", true)
                .with(Map.of("resource", "phone")).settings()), "frank123", new Recorder());
        Message fromGrace = graceSession.capability(MessageSender.class).orElseThrow().send(address("frank"), "lunch at 12?");
        Message fromPhone = phone.capability(MessageSender.class).orElseThrow().send(address("grace"), "yes, see you");
        grace.await(Message.class, m -> m.id().equals(fromPhone.id()), "frank's answer");
        phone.close();

        // the desk client logs in: the archive brings both messages, in both directions, into its history
        H2Store store = H2Store.in(directory.resolve("desk"));
        StoredHistory history = new StoredHistory(store);
        try {
            Recorder desk = new HistoryRecorder(history);
            ProtocolSession deskSession = online(XmppPeers.account(PROSODY.get(), "frank", true)
                    .with(Map.of("resource", "desk")), "frank123", desk);
            // both come from the archive, in the order the server gives them
            Set<String> archivedIds = Set.of(fromGrace.id(), fromPhone.id());
            Message first = desk.await(Message.class, m -> archivedIds.contains(m.id()), "an archived message");
            Message second = desk.await(Message.class, m -> archivedIds.contains(m.id()) && !m.id().equals(first.id()),
                    "the other archived message");
            Message archivedIn = first.id().equals(fromGrace.id()) ? first : second;
            Message archivedOut = first.id().equals(fromPhone.id()) ? first : second;
            assertTrue(archivedIn.incoming());
            assertEquals(address("grace"), archivedIn.peer());
            assertFalse(archivedOut.incoming());
            assertEquals(address("grace"), archivedOut.peer());
            assertEquals("yes, see you", archivedOut.text());

            // a new login reads only what is new; a live message is reported once
            deskSession.unregister();
            desk.awaitState(RegistrationState.Kind.UNREGISTERED);
            deskSession.register();
            desk.awaitState(RegistrationState.Kind.REGISTERED);
            Message live = graceSession.capability(MessageSender.class).orElseThrow().send(address("frank"), "running late");
            desk.await(Message.class, m -> m.id().equals(live.id()), "grace's new message");
            deskSession.unregister();
            desk.awaitState(RegistrationState.Kind.UNREGISTERED);
            deskSession.register();
            desk.awaitState(RegistrationState.Kind.REGISTERED);
            Message marker = graceSession.capability(MessageSender.class).orElseThrow().send(address("frank"), "marker");
            desk.await(Message.class, m -> m.id().equals(marker.id()), "the marker");
            for (Message message : List.of(fromGrace, fromPhone, live)) {
                assertEquals(1, desk.countSeen(Message.class, m -> m.id().equals(message.id())),
                        "reported once: " + message.text() + " in " + desk.seen());
            }
            // archive stamps have whole seconds, live ones not: within a second the order may differ
            List<String> stored = history.conversation("frank", address("grace"), 50).stream().map(Message::text)
                    .sorted().toList();
            assertEquals(List.of("lunch at 12?", "marker", "running late", "yes, see you"), stored);
        } finally {
            history.close();
            store.close();
        }
    }

    /** Stores every message in a real history before recording it, as the core does. */
    private static final class HistoryRecorder extends Recorder {
        private final StoredHistory history;

        HistoryRecorder(StoredHistory history) {
            this.history = history;
        }

        @Override
        public void messageReceived(Message message) {
            history.message(message);
            super.messageReceived(message);
        }
    }
}

package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.CallerIdentification;
import dev.switchboard.contacts.CallerIdentity;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.ContactDirectory.TypeAhead;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.contacts.internal.PresenceBoard;
import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Slapd;

/**
 * The merged view, caller identification and the call event over the real local book (H2 store), a real
 * slapd configured through {@link LdapDirectories} (so its bind password goes through the core's secure
 * storage), a roster-kind source, a directory that is down and a source that never answers.
 */
class MergedContactsIT {
    private static final long WAIT_SECONDS = 10;

    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder()
            .ldif(Directories.SUFFIX, Directories.ldif(20)).start());

    private final List<Runnable> cleanup = new ArrayList<>();
    private AddressBook book;
    private LdapDirectories directories;
    private ContactDirectory merged;

    @BeforeEach
    void configure() throws Exception {
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").put("region", "US");
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").putLong("sourceTimeoutMillis", 1500);
        book = Services.service(AddressBook.class);
        directories = Services.service(LdapDirectories.class);
        merged = Services.service(ContactDirectory.class);
        directories.put(LdapDirectoryConfig.of("corp", SLAPD.get().url(), Directories.PEOPLE)
                .withName("Corporate directory").withBindDn(SLAPD.get().adminDn()),
                SLAPD.get().adminPassword().toCharArray());
        cleanup.add(() -> directories.remove("corp"));
        awaitSource("corp");
    }

    @AfterEach
    void tidyUp() {
        cleanup.reversed().forEach(Runnable::run);
        cleanup.clear();
        book.entries().forEach(entry -> book.remove(entry.id()));
    }

    private BookEntry add(BookEntry entry) {
        return book.add(entry);
    }

    private void register(ContactSource source, String kind) {
        ServiceRegistration<ContactSource> registration = Services.register(ContactSource.class, source,
                ContactSourceProperties.KIND, kind);
        cleanup.add(registration::unregister);
    }

    private static void awaitSource(String id) throws Exception {
        org.osgi.util.tracker.ServiceTracker<ContactSource, ContactSource> tracker = new org.osgi.util.tracker.ServiceTracker<>(
                Services.context(), Services.context().createFilter("(&(objectClass=" + ContactSource.class.getName()
                        + ")(switchboard.contacts.source=" + id + "))"), null);
        tracker.open();
        try {
            if (tracker.waitForService(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)) == null) {
                throw new AssertionError("directory " + id + " was not registered as a contact source");
            }
        } finally {
            tracker.close();
        }
    }

    private MergedSearch search(String query) throws Exception {
        return merged.search(query, 50).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static SourceStatus status(MergedSearch search, String sourceId) {
        return search.sources().stream().filter(s -> s.sourceId().equals(sourceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + sourceId + " in " + search.sources()));
    }

    @Test
    void joinsLocalDirectoryAndRosterContactsSharingANumberOrAddress() throws Exception {
        add(new BookEntry("", "Alice (local)", "", List.of(new ContactAddress(AddressKind.TEL, "(555) 0101", "desk")),
                "", java.util.Set.of(), true));
        register(TestSource.answering("roster", List.of(new Contact("roster", "alice@example.com", "alice", "",
                List.of(new ContactAddress(AddressKind.XMPP, "Alice@Example.com", ""))))), ContactSourceProperties.ROSTER);

        MergedSearch search = search("alice");

        assertEquals(1, search.contacts().size(), search.contacts().toString());
        MergedContact alice = search.contacts().getFirst();
        assertEquals("Alice (local)", alice.displayName());
        assertEquals(List.of("local", "corp", "roster"), alice.sourceIds());
        assertTrue(alice.favourite());
        assertEquals(List.of("(555) 0101", "+1 555 0201", "alice@example.com", "Alice@Example.com"),
                alice.addresses().stream().map(ContactAddress::value).toList(),
                "the directory's +1 555 0101 is the book's number; the roster's JID stays beside the equal mail address");
        assertEquals(SourceStatus.State.ANSWERED, status(search, "corp").state());
    }

    @Test
    void usesTheAccountsExtensionPlanToMatchShortNumbers() throws Exception {
        AccountRegistry accounts = Services.service(AccountRegistry.class);
        accounts.put(new Account("office", "sip", Map.of("extension.length", "4", "extension.prefix", "+1555")), null);
        cleanup.add(() -> accounts.remove("office"));
        add(BookEntry.of("Bob at his desk", List.of(new ContactAddress(AddressKind.TEL, "0102", "extension"))));

        List<MergedContact> found = search("Bob").contacts();

        assertEquals(1, found.size(), found.toString());
        assertEquals(List.of("local", "corp"), found.getFirst().sourceIds());
    }

    @Test
    void showsPresenceReportedForAnyAddressOnTheMergedContact() throws Exception {
        add(BookEntry.of("Carol", List.of(new ContactAddress(AddressKind.XMPP, "carol@example.com", ""))));
        Services.service(PresenceBoard.class).presenceChanged("xmpp1", "carol@example.com/laptop",
                new Presence(Availability.AWAY, "lunch"));

        MergedContact carol = search("Carol").contacts().getFirst();

        assertEquals(List.of("local", "corp"), carol.sourceIds(), "joined through mail = xmpp address");
        assertEquals(new Presence(Availability.AWAY, "lunch"), carol.presence());
    }

    @Test
    void aDirectoryThatIsDownIsReportedWhileTheOthersAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        directories.put(LdapDirectoryConfig.of("down", "ldap://127.0.0.1:" + closedPort, Directories.PEOPLE), null);
        cleanup.add(() -> directories.remove("down"));
        awaitSource("down");
        add(BookEntry.of("Dora Local", List.of(new ContactAddress(AddressKind.TEL, "+1 555 7777", ""))));

        MergedSearch search = search("o");

        assertEquals(SourceStatus.State.UNAVAILABLE, status(search, "down").state());
        assertTrue(status(search, "down").reason().contains("127.0.0.1:" + closedPort), status(search, "down").reason());
        assertEquals(SourceStatus.State.ANSWERED, status(search, "local").state());
        assertEquals(SourceStatus.State.ANSWERED, status(search, "corp").state());
        List<String> names = search.contacts().stream().map(MergedContact::displayName).toList();
        assertTrue(names.contains("Dora Local") && names.contains("Bob Baker"), names.toString());
    }

    @Test
    void aSourceThatNeverAnswersTimesOutWithoutHoldingUpTheOthers() throws Exception {
        TestSource hung = TestSource.hanging("hung");
        register(hung, ContactSourceProperties.DIRECTORY);

        MergedSearch search = search("Carol");

        assertEquals(SourceStatus.State.TIMED_OUT, status(search, "hung").state());
        assertEquals(List.of("Carol Clarke"), search.contacts().stream().map(MergedContact::displayName).toList());
        assertTrue(hung.pending.getFirst().isCancelled(), "the timed-out search was not cancelled");
    }

    @Test
    void typeAheadCancelsTheQueryTypedPast() throws Exception {
        TestSource hung = TestSource.hanging("hung");
        register(hung, ContactSourceProperties.DIRECTORY);
        try (TypeAhead typeAhead = merged.typeAhead(20)) {
            CompletableFuture<MergedSearch> first = typeAhead.update("ca").toCompletableFuture();
            CompletableFuture<MergedSearch> second = typeAhead.update("car").toCompletableFuture();

            assertTrue(first.isCancelled());
            assertTrue(hung.pending.getFirst().isCancelled(), "the stale query's source search kept running");
            assertEquals(List.of("Carol Clarke"), second.get(WAIT_SECONDS, TimeUnit.SECONDS).contacts().stream()
                    .map(MergedContact::displayName).toList());
        }
    }

    @Test
    void identifiesCallersFromTheLocalBookFirstThenTheDirectory() throws Exception {
        CallerIdentification callers = Services.service(CallerIdentification.class);
        add(BookEntry.of("Alice from the book", List.of(new ContactAddress(AddressKind.TEL, "+1 555 0101", ""))));

        CallerIdentity alice = identify(callers, "5550101").orElseThrow();
        CallerIdentity carol = identify(callers, "+1 (555) 0103").orElseThrow();

        assertEquals("Alice from the book", alice.contact().displayName());
        assertEquals(ContactSourceProperties.LOCAL, alice.sourceKind());
        assertEquals("Carol Clarke", carol.contact().displayName());
        assertEquals(ContactSourceProperties.DIRECTORY, carol.sourceKind());
        assertEquals(Optional.empty(), identify(callers, "+44 20 7946 0000"));
        assertTrue(callers.identify("+15550103").toCompletableFuture().isDone(), "a repeated lookup was not cached");
    }

    @Test
    void anIncomingCallIsIdentifiedAndPosted() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = Services.register(EventHandler.class, events::add,
                EventConstants.EVENT_TOPIC, CallerIdentification.TOPIC);
        cleanup.add(handler::unregister);
        // the CallListener the call manager tells of a ringing call
        CallListener listener = Services.service(CallListener.class,
                "(component.name=dev.switchboard.contacts.internal.IncomingCallIdentifier)");
        listener.callChanged(new RingingCall("c7", "sip:+15550102@127.0.0.1"), null);

        Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);

        assertTrue(event != null, "no " + CallerIdentification.TOPIC + " event");
        assertEquals("c7", event.getProperty(CallerIdentification.CALL_ID));
        assertEquals("Bob Baker", event.getProperty(CallerIdentification.NAME));
        assertEquals(ContactSourceProperties.DIRECTORY, event.getProperty(CallerIdentification.SOURCE_KIND));
    }

    @Test
    void addressKeysFollowTheDefaultRegionAndTheExtensionPlan() throws Exception {
        NumberPlan plan = Services.service(NumberPlan.class);
        CallerIdentification callers = Services.service(CallerIdentification.class);
        add(BookEntry.of("Dieter", List.of(new ContactAddress(AddressKind.TEL, "030 1234567", ""))));
        add(BookEntry.of("Erin at her desk", List.of(new ContactAddress(AddressKind.TEL, "+1 555 0142", ""))));
        assertEquals(List.of(), book.withAddress("+49 30 1234567"), "in region US, 030 is no Berlin number");
        assertEquals(Optional.empty(), identify(callers, "+49 30 1234567"));
        Services.service(PresenceBoard.class).presenceChanged("sip1", "sip:0301234567@127.0.0.1",
                new Presence(Availability.AWAY, "on the phone"));

        BlockingQueue<Long> changes = new LinkedBlockingQueue<>();
        Runnable listener = () -> changes.add(plan.revision());
        plan.addChangeListener(listener);
        cleanup.add(() -> plan.removeChangeListener(listener));
        cleanup.add(() -> InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").put("region", "US"));
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").put("region", "DE");
        assertTrue(changes.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null, "the region change was not announced");

        assertEquals(List.of("Dieter"), book.withAddress("+49 30 1234567").stream().map(BookEntry::displayName).toList());
        assertEquals("Dieter", identify(callers, "+49 30 1234567").orElseThrow().contact().displayName(),
                "the cached 'unknown' answer was dropped with the old keys");
        assertEquals(Availability.AWAY, search("Dieter").contacts().getFirst().presence().availability(),
                "the presence reported for 0301234567 is keyed again, now as the Berlin number");

        AccountRegistry accounts = Services.service(AccountRegistry.class);
        accounts.put(new Account("desk", "sip", Map.of("extension.length", "4", "extension.prefix", "+1555")), null);
        cleanup.add(() -> accounts.remove("desk"));
        assertTrue(changes.poll(WAIT_SECONDS, TimeUnit.SECONDS) != null, "the extension plan change was not announced");

        assertEquals(List.of("Erin at her desk"), book.withAddress("0142").stream().map(BookEntry::displayName).toList());
    }

    @Test
    void aSlowDirectoryNeverDelaysTheLocalAnswerToARingingCall() throws Exception {
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").putLong("callerTimeoutMillis", 120_000);
        cleanup.add(() -> InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").remove("callerTimeoutMillis"));
        // a badly written directory plug-in that blocks the thread asking it, and never answers in time
        BlockingSource blocking = new BlockingSource(new CountDownLatch(1), new CountDownLatch(1));
        cleanup.add(blocking.release()::countDown);
        register(blocking, ContactSourceProperties.DIRECTORY);
        add(BookEntry.of("Alice from the book", List.of(new ContactAddress(AddressKind.TEL, "+1 555 0101", ""))));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = Services.register(EventHandler.class, events::add,
                EventConstants.EVENT_TOPIC, CallerIdentification.TOPIC);
        cleanup.add(handler::unregister);
        CallListener listener = Services.service(CallListener.class,
                "(component.name=dev.switchboard.contacts.internal.IncomingCallIdentifier)");

        CompletableFuture.runAsync(() -> listener.callChanged(new RingingCall("c8", "+15550101"), null))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        Event local = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);

        assertTrue(local != null, "the book's answer waited for the directories");
        assertEquals("Alice from the book", local.getProperty(CallerIdentification.NAME));
        assertEquals(Boolean.FALSE, local.getProperty(CallerIdentification.REFINED));
        assertTrue(blocking.asked().await(WAIT_SECONDS, TimeUnit.SECONDS), "the directory was not asked");
        assertEquals(1, blocking.release().getCount(), "the directory is still blocked: the answer did not wait");
    }

    @Test
    void theCallerTimeOutBoundsEachDirectoryAndTheRefinedAnswerFollows() throws Exception {
        // long enough for slapd on a loaded machine, and the hung source must still time out within the poll
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").putLong("callerTimeoutMillis", 3000);
        cleanup.add(() -> InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").remove("callerTimeoutMillis"));
        TestSource hung = TestSource.hanging("hung");
        register(hung, ContactSourceProperties.DIRECTORY);
        add(BookEntry.of("Alice from the book", List.of(new ContactAddress(AddressKind.TEL, "+1 555 0101", ""))));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> handler = Services.register(EventHandler.class, events::add,
                EventConstants.EVENT_TOPIC, CallerIdentification.TOPIC);
        cleanup.add(handler::unregister);
        CallListener listener = Services.service(CallListener.class,
                "(component.name=dev.switchboard.contacts.internal.IncomingCallIdentifier)");

        listener.callChanged(new RingingCall("c9", "+15550101"), null);
        Map<Object, Event> byRefined = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            Event event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(event != null, "expected the local and the refined answer, got " + byRefined);
            byRefined.put(event.getProperty(CallerIdentification.REFINED), event);
        }
        Event first = byRefined.get(Boolean.FALSE);
        Event refined = byRefined.get(Boolean.TRUE);

        assertTrue(first != null && refined != null, "expected one local and one refined answer: " + byRefined);
        assertEquals("", first.getProperty(CallerIdentification.ORGANISATION), "the book alone knows no organisation");
        assertEquals("Alice from the book", refined.getProperty(CallerIdentification.NAME));
        assertEquals("Support Engineer, Support", refined.getProperty(CallerIdentification.ORGANISATION),
                "the directory's entry for the same number adds the organisation");
        assertEquals(List.of("local", "corp"), List.of((String[]) refined.getProperty(CallerIdentification.SOURCES)));
        assertTrue(hung.pending.getFirst().isCancelled(), "the directory that did not answer in time was cancelled");
    }

    /** A source whose search blocks its caller until released. */
    private record BlockingSource(CountDownLatch asked, CountDownLatch release) implements ContactSource {
        @Override
        public String id() {
            return "blocking";
        }

        @Override
        public String name() {
            return "blocks its caller";
        }

        @Override
        public java.util.concurrent.CompletionStage<List<Contact>> search(String query, int limit) {
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(List.of());
        }
    }

    private static Optional<CallerIdentity> identify(CallerIdentification callers, String number) throws Exception {
        return callers.identify(number).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}

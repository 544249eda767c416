package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig.Security;
import dev.switchboard.contacts.ldap.internal.DirectoryUnavailableException;
import dev.switchboard.contacts.ldap.internal.LdapDirectorySource;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Slapd;

/**
 * The LDAP contact source against a real slapd holding 300 generated people, which answers anonymous
 * searches with at most 50 entries unless they are paged, and offers StartTLS and LDAPS.
 */
class LdapDirectorySourceIT {
    private static final int GENERATED = 300;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder()
            .ldif(Directories.SUFFIX, Directories.ldif(GENERATED))
            .databaseDirectives("limits * size.soft=50 size.hard=50 size.prtotal=unlimited")
            .tls()
            .start());

    @TempDir
    Path temp;

    private static LdapDirectoryConfig config() {
        return LdapDirectoryConfig.of("corp", SLAPD.get().url(), Directories.PEOPLE).withName("Corporate directory")
                .withLimits(40, 1000, Duration.ofSeconds(5));
    }

    private static LdapDirectorySource source(LdapDirectoryConfig config) {
        return source(config, () -> new char[0]);
    }

    private static LdapDirectorySource source(LdapDirectoryConfig config, Supplier<char[]> password) {
        return new LdapDirectorySource(config, password, Duration.ofMinutes(1), Clock.systemUTC());
    }

    private static List<Contact> search(LdapDirectorySource source, String query, int limit) throws Exception {
        return source.search(query, limit).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void findsAPersonByNameWithEveryMappedAttribute() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            List<Contact> found = search(source, "alice", 10);

            assertEquals(1, found.size(), found.toString());
            Contact alice = found.getFirst();
            assertEquals("Alice Archer", alice.displayName());
            assertEquals("corp", alice.sourceId());
            assertEquals("uid=alice,ou=people,dc=example,dc=com", alice.id());
            assertEquals("Support Engineer, Support", alice.organisation());
            assertEquals(List.of(new ContactAddress(AddressKind.TEL, "+1 555 0101", "work"),
                    new ContactAddress(AddressKind.TEL, "+1 555 0201", "mobile"),
                    new ContactAddress(AddressKind.EMAIL, "alice@example.com", "work")), alice.addresses());
        }
    }

    @Test
    void findsAPersonByNumberWrittenWithOrWithoutSpaces() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            assertEquals(List.of("Bob Baker"), names(search(source, "+15550102", 10)));
            assertEquals(List.of("Bob Baker"), names(search(source, "555 0102", 10)));
            assertEquals(List.of("Alice Archer"), names(search(source, "5550201", 10)), "mobile numbers count too");
        }
    }

    @Test
    void findsAPersonByMail() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            assertEquals(List.of("Carol Clarke"), names(search(source, "carol@example.com", 10)));
        }
    }

    @Test
    void pagesPastTheServersSizeLimit() throws Exception {
        try (LdapDirectorySource paged = source(config());
                LdapDirectorySource unpaged = source(config().withLimits(0, 1000, Duration.ofSeconds(5)))) {
            assertEquals(GENERATED, search(paged, "Person", 1000).size());
            // the same search without paging stops at the server's limit of 50
            assertEquals(50, search(unpaged, "Person", 1000).size());
        }
    }

    @Test
    void keepsToTheConfiguredSizeLimitAndTheCallersLimit() throws Exception {
        try (LdapDirectorySource source = source(config().withLimits(40, 70, Duration.ofSeconds(5)))) {
            assertEquals(70, search(source, "Person", 1000).size());
            assertEquals(12, search(source, "Person", 12).size());
        }
    }

    @Test
    void escapesFilterCharactersInTheQuery() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            assertEquals(List.of(), search(source, "*)(uid=*", 10));
        }
    }

    @Test
    void answersARepeatedQueryFromItsCache() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            long before = Directories.countLines(SLAPD.get().logFile(), " SRCH base=");
            search(source, "Carol Clarke", 10);
            long afterFirst = Directories.countLines(SLAPD.get().logFile(), " SRCH base=");
            List<Contact> second = search(source, "carol clarke", 10);

            assertEquals(before + 1, afterFirst);
            assertEquals(afterFirst, Directories.countLines(SLAPD.get().logFile(), " SRCH base="));
            assertEquals(List.of("Carol Clarke"), names(second));
        }
    }

    @Test
    void cancelledSearchesGiveTheirConnectionBack() throws Exception {
        try (LdapDirectorySource source = source(config())) {
            for (int i = 0; i < 10; i++) {
                CompletableFuture<List<Contact>> stale = source.search("Person " + i, 1000).toCompletableFuture();
                stale.cancel(true);
                assertThrows(CancellationException.class, stale::join);
            }
            // the pool holds three connections: had the cancelled searches kept theirs, this would time out
            assertEquals(List.of("Alice Archer"), names(search(source, "Archer", 10)));
        }
    }

    @Test
    void bindsWithTheStoredPasswordAndReportsAWrongOne() throws Exception {
        LdapDirectoryConfig admin = config().withBindDn(SLAPD.get().adminDn());
        try (LdapDirectorySource good = source(admin, () -> SLAPD.get().adminPassword().toCharArray());
                LdapDirectorySource bad = source(admin, () -> "wrong".toCharArray())) {
            assertEquals(List.of("Alice Archer"), names(search(good, "Alice", 10)));

            ExecutionException failure = assertThrows(ExecutionException.class, () -> search(bad, "Alice", 10));
            assertInstanceOf(DirectoryUnavailableException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().toLowerCase().contains("invalid credentials"),
                    failure.getCause().getMessage());
        }
    }

    @Test
    void searchesOverStartTlsTrustingTheServersCertificate() throws Exception {
        Path trusted = Directories.pem(SLAPD.get().certificate(), temp);
        try (LdapDirectorySource source = source(config().withSecurity(Security.STARTTLS, trusted.toString()))) {
            assertEquals(List.of("Alice Archer"), names(search(source, "Alice", 10)));
        }
        long starts = Directories.countLines(SLAPD.get().logFile(), "EXT oid=1.3.6.1.4.1.1466.20037");
        assertTrue(starts >= 1, "slapd logged no StartTLS extended operation");
    }

    @Test
    void searchesOverLdaps() throws Exception {
        Path trusted = Directories.pem(SLAPD.get().certificate(), temp);
        LdapDirectoryConfig ldaps = LdapDirectoryConfig.of("corp", SLAPD.get().ldapsUrl(), Directories.PEOPLE)
                .withSecurity(Security.LDAPS, trusted.toString());
        try (LdapDirectorySource source = source(ldaps)) {
            assertEquals(List.of("Bob Baker"), names(search(source, "Bob", 10)));
        }
    }

    @Test
    void refusesAServerWhoseCertificateIsNotTrusted() throws Exception {
        // the JVM's authorities do not include the test server's self-signed certificate
        try (LdapDirectorySource source = source(config().withSecurity(Security.STARTTLS, ""))) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> search(source, "Alice", 10));
            assertInstanceOf(DirectoryUnavailableException.class, failure.getCause());
            assertTrue(failure.getCause().getMessage().contains("unavailable"), failure.getCause().getMessage());
        }
    }

    @Test
    void reportsADirectoryThatIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LdapDirectoryConfig down = LdapDirectoryConfig.of("down", "ldap://127.0.0.1:" + closedPort, Directories.PEOPLE);
        try (LdapDirectorySource source = source(down)) {
            ExecutionException first = assertThrows(ExecutionException.class, () -> search(source, "Alice", 10));
            assertInstanceOf(DirectoryUnavailableException.class, first.getCause());
            assertTrue(first.getCause().getMessage().contains("127.0.0.1:" + closedPort), first.getCause().getMessage());
        }
    }

    private static List<String> names(List<Contact> contacts) {
        return contacts.stream().map(Contact::displayName).toList();
    }
}

package dev.switchboard.contacts.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.internal.DefaultCallerIdentification;
import dev.switchboard.contacts.internal.ExtensionPlan;
import dev.switchboard.contacts.internal.LocalBookSource;
import dev.switchboard.contacts.internal.MergedContactDirectory;
import dev.switchboard.contacts.internal.PhoneNumberPlan;
import dev.switchboard.contacts.internal.PresenceBoard;
import dev.switchboard.contacts.internal.StoreAddressBook;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.contacts.ldap.internal.LdapDirectorySource;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.store.internal.H2Store;
import dev.switchboard.testing.peers.Slapd;

/**
 * The three contact benchmarks on a flat classpath (scripts/bench-contacts.sh): first type-ahead
 * results from a 100,000-entry slapd (against OpenLDAP's own ldapsearch on the same queries), a merged
 * search over 10,000 local contacts, a reverse lookup answered from the cache. Prints Markdown rows.
 */
public final class ContactsBenchmark {

    private static final int DIRECTORY_SIZE = Integer.getInteger("bench.directory", 100_000);
    private static final int LOCAL_SIZE = Integer.getInteger("bench.local", 10_000);
    private static final int QUERIES = 40;

    private ContactsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.addAll(directory());
        rows.addAll(local());
        rows.forEach(System.out::println);
    }

    private static List<String> directory() throws Exception {
        long loadStart = System.nanoTime();
        // a directory indexes what its clients search: every attribute of the default filter template
        try (Slapd slapd = Slapd.builder().ldif(Directories.SUFFIX, Directories.ldif(DIRECTORY_SIZE))
                .databaseDirectives("index givenName,mobile eq,sub").start()) {
            long loadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStart);
            LdapDirectoryConfig config = LdapDirectoryConfig.of("corp", slapd.url(), Directories.PEOPLE)
                    .withLimits(50, 50, Duration.ofSeconds(5));
            Random random = new Random(42);
            List<String> queries = new ArrayList<>();
            for (int i = 0; i < QUERIES; i++) {
                // what a user types: the start of a name, a few characters in
                queries.add("Person " + String.format("%05d", random.nextInt(DIRECTORY_SIZE)).substring(0, 3));
            }
            double[] ours = new double[QUERIES];
            double cold;
            // the cache is off (validity 0): every query goes to the server
            try (LdapDirectorySource source = new LdapDirectorySource(config, () -> new char[0], Duration.ZERO,
                    Clock.systemUTC())) {
                long start = System.nanoTime();
                int found = source.search("Person 0", 50).toCompletableFuture().get(30, TimeUnit.SECONDS).size();
                cold = (System.nanoTime() - start) / 1e6;
                if (found == 0) {
                    throw new IllegalStateException("the benchmark directory answered nothing");
                }
                for (int i = 0; i < QUERIES; i++) {
                    start = System.nanoTime();
                    List<Contact> first = source.search(queries.get(i), 50).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    ours[i] = (System.nanoTime() - start) / 1e6;
                    if (first.isEmpty()) {
                        throw new IllegalStateException("no results for " + queries.get(i));
                    }
                }
            }
            double[] anchor = new double[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                long start = System.nanoTime();
                Process ldapsearch = new ProcessBuilder("ldapsearch", "-x", "-LLL", "-H", slapd.url(), "-b",
                        Directories.PEOPLE, "-z", "50", "-E", "pr=50/noprompt",
                        // the same filter as ours (the queries hold no characters that need escaping)
                        LdapDirectoryConfig.DEFAULT_FILTER.replace(LdapDirectoryConfig.QUERY, queries.get(i)),
                        "cn", "givenName", "sn", "title", "ou", "o", "telephoneNumber", "mobile", "ipPhone", "mail").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                ldapsearch.waitFor(30, TimeUnit.SECONDS);
                anchor[i] = (System.nanoTime() - start) / 1e6;
            }
            double oursMedian = median(ours);
            double anchorMedian = median(anchor);
            return List.of(
                    row("LDAP type-ahead, first 50 results, " + DIRECTORY_SIZE + " entries (median of " + QUERIES
                            + "; p95 " + fmt(percentile(ours, 0.95)) + ")", oursMedian, "< 150 ms",
                            fmt(oursMedian / 150) + "× the goal; " + fmt(oursMedian / anchorMedian)
                                    + "× ldapsearch (" + fmt(anchorMedian) + " ms, incl. its process start)"),
                    row("LDAP first search incl. connect (cold pool)", cold, "—", "—"),
                    "<!-- slapadd of " + DIRECTORY_SIZE + " entries and slapd start: " + loadMillis + " ms -->");
        }
    }

    private static List<String> local() throws Exception {
        Path directory = Files.createTempDirectory("switchboard-bench-store-");
        H2Store store = H2Store.in(directory);
        try {
            PhoneNumberPlan plan = new PhoneNumberPlan("US", ExtensionPlan.NONE);
            StoreAddressBook book = new StoreAddressBook(store, plan);
            List<BookEntry> entries = new ArrayList<>(LOCAL_SIZE);
            for (int i = 0; i < LOCAL_SIZE; i++) {
                String n = String.format("%05d", i);
                entries.add(new BookEntry("", "Local " + n + " Contact", "Org " + (i % 97),
                        List.of(new ContactAddress(AddressKind.TEL, "+1 202 55" + n, "work"),
                                new ContactAddress(AddressKind.EMAIL, "l" + n + "@example.org", "")),
                        "", Set.of(), i % 50 == 0));
            }
            long insertStart = System.nanoTime();
            book.addAll(entries);
            double insertMillis = (System.nanoTime() - insertStart) / 1e6;

            PresenceBoard presence = new PresenceBoard(plan);
            MergedContactDirectory merged = new MergedContactDirectory(book, plan, presence);
            merged.addSource(new LocalBookSource(book), Map.of(ContactSourceProperties.KIND, ContactSourceProperties.LOCAL));
            Random random = new Random(7);
            int rounds = 300;
            double[] times = new double[rounds];
            for (int i = 0; i < rounds * 2; i++) {
                String query = "Local " + String.format("%05d", random.nextInt(LOCAL_SIZE)).substring(0, 3);
                long start = System.nanoTime();
                MergedSearch result = merged.search(query, 50, Duration.ofSeconds(2)).get(5, TimeUnit.SECONDS);
                double millis = (System.nanoTime() - start) / 1e6;
                if (result.contacts().isEmpty()) {
                    throw new IllegalStateException("no local results for " + query);
                }
                if (i >= rounds) { // the first half warms the JIT
                    times[i - rounds] = millis;
                }
            }

            DefaultCallerIdentification callers = new DefaultCallerIdentification(book, plan, presence, Duration.ofSeconds(2));
            int lookups = 20_000;
            String[] numbers = new String[1000];
            for (int i = 0; i < numbers.length; i++) {
                numbers[i] = "+1 (202) 55" + String.format("%05d", (i * 7) % LOCAL_SIZE);
                if (callers.identify(numbers[i]).toCompletableFuture().get(5, TimeUnit.SECONDS).isEmpty()) {
                    throw new IllegalStateException("no caller for " + numbers[i]);
                }
            }
            double[] lookupMicros = new double[lookups];
            for (int i = 0; i < lookups; i++) {
                long start = System.nanoTime();
                callers.identify(numbers[i % numbers.length]).toCompletableFuture().join();
                lookupMicros[i] = (System.nanoTime() - start) / 1e3;
            }
            double searchMedian = median(times);
            double lookupMillis = median(Arrays.copyOfRange(lookupMicros, lookups / 2, lookups)) / 1000;
            return List.of(
                    row("merged search, " + LOCAL_SIZE + " local contacts, 50 shown (median of " + rounds + "; p95 "
                            + fmt(percentile(times, 0.95)) + ")", searchMedian, "< 50 ms", fmt(searchMedian / 50) + "× the goal"),
                    row("reverse lookup of a number, from the cache (median of " + lookups / 2 + ")", lookupMillis,
                            "< 5 ms", fmt(lookupMillis / 5) + "× the goal"),
                    row("local book: adding " + LOCAL_SIZE + " contacts in one transaction (total)", insertMillis, "—", "—"));
        } finally {
            store.close();
            deleteTree(directory);
        }
    }

    private static String row(String what, double millis, String goal, String ratio) {
        return "| " + what + " | " + fmt(millis) + " | " + goal + " | " + ratio + " |";
    }

    private static String fmt(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 1 ? String.format("%.1f", value)
                : String.format("%.3f", value);
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(fraction * (sorted.length - 1) + 0.5))];
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package dev.switchboard.protocol.xmpp.tests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.XMPPConnectionRegistry;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.history.internal.StoredHistory;
import dev.switchboard.protocol.xmpp.internal.XmppProvider;
import dev.switchboard.store.internal.H2Store;
import dev.switchboard.testing.peers.Prosody;

/**
 * The XMPP benchmarks of docs/benchmarks.md (issue 5), run by scripts/bench-xmpp.sh outside OSGi on
 * a Prosody from the test harness: a 5,000-contact roster loaded with the presence of its online
 * contacts applied; the chat round trip through Prosody, ours against slixmpp's; history search over
 * 100,000 stored messages against grep over the same texts. Prints Markdown table rows.
 */
public final class XmppBenchmark {

    private static final int CONTACTS = Integer.getInteger("bench.contacts", 5_000);
    private static final int ONLINE = Integer.getInteger("bench.online", 20);
    private static final int ROUND_TRIPS = Integer.getInteger("bench.roundtrips", 200);
    private static final int HISTORY = Integer.getInteger("bench.history", 100_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    /** Which of roster, roundtrip, history to run (comma-separated). */
    private static final List<String> PARTS = List.of(System.getProperty("bench.parts", "roster,roundtrip,history").split(","));

    private XmppBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        String peerScript = arguments.length > 0 ? arguments[0] : "peer/slixmpp_bench.py";
        Prosody.Builder builder = Prosody.builder().user("alice", "alice123").user("bob", "bob123")
                .user("slixa", "slixa123").user("slixb", "slixb123");
        for (int i = 0; i < ONLINE; i++) {
            builder.user("c" + i, "c" + i + "pw");
        }
        System.out.println("| what | ours | anchor | ratio / goal |");
        System.out.println("|---|---|---|---|");
        if (PARTS.contains("roster") || PARTS.contains("roundtrip")) {
            try (Prosody prosody = builder.start()) {
                seedRosters(prosody);
                if (PARTS.contains("roster")) {
                    roster(prosody, peerScript);
                }
                if (PARTS.contains("roundtrip")) {
                    roundTrip(prosody, peerScript);
                }
            }
        }
        if (PARTS.contains("history")) {
            history();
        }
    }

    // ---- roster ----

    /** alice's roster: CONTACTS entries, subscription both; the first ONLINE are real accounts that have alice too. */
    private static void seedRosters(Prosody prosody) throws Exception {
        Path rosters = Files.createDirectories(prosody.dataDirectory().resolve(prosody.domain()).resolve("roster"));
        StringBuilder alice = new StringBuilder("return {\n");
        for (int i = 0; i < CONTACTS; i++) {
            String contact = i < ONLINE ? "c" + i : "contact" + i;
            alice.append("[\"").append(contact).append('@').append(prosody.domain()).append("\"] = { subscription = \"both\";"
                    + " name = \"Contact ").append(i).append("\"; groups = { [\"Group ").append(i % 50).append("\"] = true; }; };\n");
        }
        alice.append("[false] = { version = 1; pending = {}; };\n};\n");
        Files.writeString(rosters.resolve("alice.dat"), alice);
        for (int i = 0; i < ONLINE; i++) {
            Files.writeString(rosters.resolve("c" + i + ".dat"), "return {\n[\"alice@" + prosody.domain()
                    + "\"] = { subscription = \"both\"; groups = {}; };\n[false] = { version = 1; pending = {}; };\n};\n");
        }
    }

    /** A provider outside OSGi, its outboxes and archive positions in a store of its own. */
    private static XmppProvider provider() throws Exception {
        return new XmppProvider(H2Store.in(Files.createTempDirectory("xmpp-bench-store")));
    }

    private static ProtocolSession online(XmppProvider provider, Prosody prosody, String user, String password,
            String resource, Recorder recorder) throws Exception {
        Account account = XmppPeers.account(prosody, user, true).with(Map.of("resource", resource));
        ProtocolSession session = provider.open(account, password.toCharArray(), recorder);
        session.register();
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    /**
     * Arrival times of the stanzas of alice's current login, taken on Smack's reader thread as each stanza
     * is parsed (as close to the wire as the client gets): when our roster request left and its answer
     * came, when our initial presence left, when the first and the last presence of a contact arrived.
     */
    private static final class WireTimes {
        volatile String rosterRequestId;
        volatile long rosterRequested;
        volatile long rosterAnswered;
        volatile int rosterItemsReceived = -1;
        volatile long ownPresenceSent;
        volatile long firstPresence;
        volatile long lastPresence;
        final AtomicLong presences = new AtomicLong();
    }

    private static volatile WireTimes wire = new WireTimes();

    /** Taps every connection of user "alice" that Smack creates from now on. */
    private static void tapAliceConnections() {
        XMPPConnectionRegistry.addConnectionCreationListener(created -> {
            if (!(created instanceof AbstractXMPPConnection connection)
                    || !"alice".contentEquals(connection.getConfiguration().getUsername())) {
                return;
            }
            connection.addStanzaSendingListener(stanza -> {
                WireTimes times = wire;
                if (stanza instanceof RosterPacket request && request.getType() == IQ.Type.get) {
                    times.rosterRequestId = request.getStanzaId();
                    times.rosterRequested = System.nanoTime();
                } else if (stanza instanceof org.jivesoftware.smack.packet.Presence presence && presence.getTo() == null
                        && times.ownPresenceSent == 0) {
                    times.ownPresenceSent = System.nanoTime();
                }
            }, stanza -> true);
            connection.addStanzaListener(stanza -> {
                WireTimes times = wire;
                long now = System.nanoTime();
                if (stanza instanceof org.jivesoftware.smack.packet.Presence) {
                    if (times.presences.getAndIncrement() == 0) {
                        times.firstPresence = now;
                    }
                    times.lastPresence = now;
                } else if (stanza instanceof IQ answer && answer.getStanzaId() != null
                        && answer.getStanzaId().equals(times.rosterRequestId)) {
                    times.rosterAnswered = now;
                    times.rosterItemsReceived = answer instanceof RosterPacket roster ? roster.getRosterItemCount() : 0;
                }
            }, stanza -> true);
        });
    }

    private static void roster(Prosody prosody, String peerScript) throws Exception {
        tapAliceConnections();
        List<ProtocolSession> contacts = new ArrayList<>();
        XmppProvider contactsProvider = provider();
        for (int i = 0; i < ONLINE; i++) {
            contacts.add(online(contactsProvider, prosody, "c" + i, "c" + i + "pw", "bench", new Recorder()));
        }
        // cold: each login with an empty store (the whole roster is sent); cached: one store for all logins, so
        // every login after the warm-up offers the stored roster version (XEP-0237) and the server sends no items
        List<Long> coldApplied = rosterRuns(prosody, false);
        List<Long> cachedApplied = rosterRuns(prosody, true);
        Path anchorScript = Path.of(peerScript).resolveSibling("slixmpp_roster_bench.py");
        String anchor = runAnchor(anchorScript.toString(), prosody.host(), Integer.toString(prosody.c2sPort()),
                "alice@" + prosody.domain(), "alice123", prosody.certificateFile().toString(), Integer.toString(CONTACTS),
                Integer.toString(ONLINE), Integer.toString(RUNS));
        contacts.forEach(ProtocolSession::close);
        String[] anchorWords = anchor.split(" ");
        double anchorApplied = Double.parseDouble(anchorWords[1]);
        long cold = median(coldApplied) / 1_000_000;
        long cached = median(cachedApplied) / 1_000_000;
        System.out.printf("| roster of %,d contacts loaded, presence of the %d online ones applied, no cached roster (median of %d) | %d ms | slixmpp 1.8: %.0f ms | %.2f× slixmpp; goal < 1 s: %.2f× |%n",
                CONTACTS, ONLINE, RUNS, cold, anchorApplied, cold / anchorApplied, cold / 1000.0);
        System.out.printf("| same, roster cached from the previous login (XEP-0237 version offered) | %d ms | slixmpp 1.8 (no cache): %.0f ms | %.2f× slixmpp; goal < 1 s: %.2f× |%n",
                cached, anchorApplied, cached / anchorApplied, cached / 1000.0);
        System.out.printf("| slixmpp: roster received / first / last contact presence (median) | %s / %s / %s ms | | |%n",
                anchorWords[2], anchorWords.length > 3 ? anchorWords[3] : "?", anchorWords.length > 4 ? anchorWords[4] : "?");
    }

    /** RUNS timed logins of alice after one warm-up; the times from register() to presence applied. */
    private static List<Long> rosterRuns(Prosody prosody, boolean cached) throws Exception {
        XmppProvider shared = provider();
        List<Long> applied = new ArrayList<>();
        for (int run = 0; run <= RUNS; run++) {
            XmppProvider provider = cached ? shared : provider();
            WireTimes times = new WireTimes();
            wire = times;
            AtomicLong registeredAt = new AtomicLong();
            AtomicLong allAvailableAt = new AtomicLong();
            Set<String> available = ConcurrentHashMap.newKeySet();
            AtomicLong reports = new AtomicLong();
            Recorder recorder = new Recorder() {
                @Override
                public void registrationChanged(RegistrationState state) {
                    if (state.kind() == RegistrationState.Kind.REGISTERED) {
                        registeredAt.compareAndSet(0, System.nanoTime());
                    }
                    super.registrationChanged(state);
                }

                @Override
                public void presenceChanged(String contact, dev.switchboard.core.presence.Presence presence) {
                    reports.incrementAndGet();
                    // the core's view: a presence is applied when the session reports it
                    if (presence.availability() == Availability.AVAILABLE && available.add(contact)
                            && available.size() == ONLINE) {
                        allAvailableAt.set(System.nanoTime());
                    }
                }
            };
            long start = System.nanoTime();
            ProtocolSession alice = provider.open(XmppPeers.account(prosody, "alice", true)
                    .with(Map.of("resource", (cached ? "cached" : "cold") + run)), "alice123".toCharArray(), recorder);
            alice.register();
            Roster roster = alice.capability(Roster.class).orElseThrow();
            long rosterLoaded = 0;
            // the roster is read from login on, not from REGISTERED, which comes once the server has handled our
            // initial presence (its probes of all contacts included)
            while (rosterLoaded == 0 || allAvailableAt.get() == 0 || registeredAt.get() == 0) {
                if (rosterLoaded == 0 && entriesOrNone(roster) >= CONTACTS) {
                    rosterLoaded = System.nanoTime();
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("roster not complete after 60 s: " + entriesOrNone(roster)
                            + " entries, " + available.size() + " available");
                }
                Thread.sleep(2); // polling resolution of the measurement
            }
            long done = Math.max(rosterLoaded, allAvailableAt.get());
            System.err.printf("roster %s run %d (ms from register()): roster asked %d, answered %d (%d items), entries"
                    + " %d; own presence sent %d; contact presences first %d, last %d (%d stanzas, %d reported);"
                    + " all %d online applied %d; REGISTERED %d%n",
                    cached ? "cached" : "cold", run, ms(times.rosterRequested, start), ms(times.rosterAnswered, start),
                    times.rosterItemsReceived, ms(rosterLoaded, start), ms(times.ownPresenceSent, start),
                    ms(times.firstPresence, start), ms(times.lastPresence, start), times.presences.get(), reports.get(),
                    ONLINE, ms(allAvailableAt.get(), start), ms(registeredAt.get(), start));
            if (run > 0) { // the first run warms the JIT (and, cached, fills the store)
                applied.add(done - start);
            }
            alice.close();
        }
        return applied;
    }

    private static long ms(long at, long start) {
        return at == 0 ? -1 : (at - start) / 1_000_000;
    }

    /** How many entries the roster holds, 0 before the session has logged in. */
    private static int entriesOrNone(Roster roster) {
        try {
            return roster.entries().size();
        } catch (IllegalStateException notYetLoggedIn) {
            return 0;
        }
    }

    /** Runs a slixmpp anchor script and returns its result line (the last line starting with its tag). */
    private static String runAnchor(String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("ROSTER ") || line.startsWith("RTT ")) {
                    result = line;
                }
            }
        }
        process.waitFor(60, TimeUnit.SECONDS);
        if (result == null) {
            throw new IllegalStateException(script + " gave no result (exit " + process.exitValue() + "):\n" + output);
        }
        return result;
    }

    // ---- round trip ----

    private static void roundTrip(Prosody prosody, String peerScript) throws Exception {
        XmppProvider provider = provider();
        Map<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
        Recorder aliceRecorder = new Recorder() {
            @Override
            public void messageReceived(Message message) {
                CompletableFuture<Long> reply = waiting.remove(message.text());
                if (reply != null) {
                    reply.complete(System.nanoTime());
                }
            }
        };
        ProtocolSession[] bob = new ProtocolSession[1];
        Recorder bobRecorder = new Recorder() {
            @Override
            public void messageReceived(Message message) {
                bob[0].capability(MessageSender.class).orElseThrow().send(message.peer(), message.text());
            }
        };
        ProtocolSession alice = online(provider, prosody, "alice", "alice123", "rtt", aliceRecorder);
        bob[0] = online(provider, prosody, "bob", "bob123", "rtt", bobRecorder);
        MessageSender sender = alice.capability(MessageSender.class).orElseThrow();
        List<Long> times = new ArrayList<>();
        for (int i = -20; i < ROUND_TRIPS; i++) {
            String text = "ping " + i;
            CompletableFuture<Long> reply = new CompletableFuture<>();
            waiting.put(text, reply);
            long start = System.nanoTime();
            sender.send("bob@" + prosody.domain(), text);
            long end = reply.get(10, TimeUnit.SECONDS);
            if (i >= 0) {
                times.add(end - start);
            }
        }
        alice.close();
        bob[0].close();
        Collections.sort(times);
        double ours = times.get(times.size() / 2) / 1e6;
        double ours95 = times.get(times.size() * 95 / 100) / 1e6;

        Process slixmpp = new ProcessBuilder("/usr/bin/python3", peerScript, prosody.host(),
                Integer.toString(prosody.c2sPort()), "slixa@" + prosody.domain(), "slixa123",
                "slixb@" + prosody.domain(), "slixb123", prosody.certificateFile().toString(),
                Integer.toString(ROUND_TRIPS)).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(slixmpp.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RTT ")) {
                    result = line;
                }
            }
        }
        slixmpp.waitFor(60, TimeUnit.SECONDS);
        if (result == null) {
            throw new IllegalStateException("slixmpp gave no result (exit " + slixmpp.exitValue() + ")");
        }
        String[] words = result.split(" ");
        double anchor = Double.parseDouble(words[1]);
        double anchor95 = Double.parseDouble(words[2]);
        System.out.printf("| chat round trip through Prosody (A→B, B echoes, median / p95 of %d) | %.2f / %.2f ms | slixmpp 1.8: %.2f / %.2f ms | %.2f× |%n",
                ROUND_TRIPS, ours, ours95, anchor, anchor95, ours / anchor);
    }

    // ---- history ----

    private static void history() throws Exception {
        Path directory = Files.createTempDirectory("bench-history");
        H2Store store = H2Store.in(directory.resolve("store"));
        new StoredHistory(store).close(); // creates the tables; the rows below are written past it, unindexed
        StoredHistory history = null;
        Path dump = directory.resolve("messages.txt");
        try {
            String[] words = { "budget", "lunch", "meeting", "invoice", "release", "coffee", "train", "report" };
            StringBuilder text = new StringBuilder();
            long insertStart = System.nanoTime();
            try (Connection connection = store.connection(); PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO HISTORY_MESSAGE (ACCOUNT_ID, PEER, MESSAGE_ID, INCOMING, SENDER, BODY, SENT_AT)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                Instant base = Instant.now().minusSeconds(HISTORY);
                for (int i = 0; i < HISTORY; i++) {
                    String body = "message " + i + " about the " + words[i % words.length] + " and the "
                            + words[(i / 7) % words.length] + (i == HISTORY / 2 ? " zanzibar" : "");
                    insert.setString(1, "a" + (i % 3));
                    insert.setString(2, "peer" + (i % 200) + "@example.org");
                    insert.setString(3, "m" + i);
                    insert.setBoolean(4, i % 2 == 0);
                    insert.setString(5, "peer" + (i % 200) + "@example.org");
                    insert.setString(6, body);
                    insert.setObject(7, OffsetDateTime.ofInstant(base.plusSeconds(i), ZoneOffset.UTC));
                    insert.addBatch();
                    text.append(body).append('\n');
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;
            long indexStart = System.nanoTime();
            history = new StoredHistory(store); // indexes the words of the rows written above, in the background
            long openMillis = (System.nanoTime() - indexStart) / 1_000_000;
            StoredHistory searched = history;
            // while indexing, search scans: one search then, for the record
            long scanStart = System.nanoTime();
            check(searched.search("zanzibar", 50).size() == 1);
            double whileIndexing = (System.nanoTime() - scanStart) / 1e6;
            history.indexed().get(10, TimeUnit.MINUTES);
            long indexMillis = (System.nanoTime() - indexStart) / 1_000_000;
            Files.writeString(dump, text);
            double rare = searchMillis(() -> check(searched.search("zanzibar", 50).size() == 1));
            double common = searchMillis(() -> check(searched.search("budget", 50).size() == 50));
            double conversation = searchMillis(() -> check(searched.conversation("a1", "peer7@example.org", 50).size() == 50));
            double grep = grepMillis(dump, "zanzibar");
            System.out.printf("| history search, one hit in %,d messages (median of 20) | %.1f ms | grep -i: %.1f ms | %.1f× |%n",
                    HISTORY, rare, grep, rare / grep);
            System.out.printf("| history search, common word, first 50 of ~%,d hits | %.1f ms | — | — |%n",
                    HISTORY / 4, common);
            System.out.printf("| history, last 50 messages of one conversation | %.1f ms | — | — |%n", conversation);
            System.out.printf("| history opened over %,d unindexed messages (indexing goes on in the background) | %d ms | — | — |%n",
                    HISTORY, openMillis);
            System.out.printf("| history search for one hit while that indexing runs (a scan) | %.1f ms | — | — |%n",
                    whileIndexing);
            System.out.printf("| (setup: %,d messages batch-inserted in %d ms, their words indexed %d ms after the open) | | | |%n",
                    HISTORY, insertMillis, indexMillis);
        } finally {
            if (history != null) {
                history.close();
            }
            store.close();
        }
    }

    private static void check(boolean condition) {
        if (!condition) {
            throw new IllegalStateException("the history answered wrongly");
        }
    }

    private static double searchMillis(Runnable search) {
        List<Long> times = new ArrayList<>();
        for (int i = -3; i < 20; i++) {
            long start = System.nanoTime();
            search.run();
            if (i >= 0) {
                times.add(System.nanoTime() - start);
            }
        }
        return median(times) / 1e6;
    }

    private static double grepMillis(Path file, String word) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = -3; i < 20; i++) {
            long start = System.nanoTime();
            Process grep = new ProcessBuilder("grep", "-i", "-m", "50", word, file.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            grep.waitFor();
            if (i >= 0) {
                times.add(System.nanoTime() - start);
            }
        }
        return median(times) / 1e6;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

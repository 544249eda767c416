package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.ConnectionCreationListener;
import org.jivesoftware.smack.XMPPConnectionRegistry;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.RosterEntry;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.protocol.xmpp.internal.XmppProvider;
import dev.switchboard.store.internal.H2Store;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/**
 * Roster versioning (XEP-0237, RFC 6121 2.6) against a real Prosody: the session keeps the roster and its
 * version in its store, offers the version at the next login and then shows the roster from the store when
 * the server reports no change; pushes received while online keep the stored copy current, and a change
 * made while the session was offline reaches it (Prosody then sends the whole roster, as 2.6.3 allows), and
 * a stored roster that cannot be read is replaced by the server's.
 */
class RosterVersioningIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("alice", "alice123").user("bob", "bob123").user("carol", "carol123").start());

    /** The cached session's resource: its connections are the ones whose roster answers are counted. */
    private static final String CACHED = "cached";

    @TempDir
    Path directory;

    /** An answer to a roster request without a roster: "unchanged since the version you offered". */
    private static final int NOT_SENT = -1;

    /**
     * The ids of the cached session's roster requests. Smack tells its sending listeners on threads of its pool,
     * possibly after the answer has arrived, so every answer is kept and matched with the requests when read.
     */
    private final Set<String> rosterRequestIds = ConcurrentHashMap.newKeySet();
    /** Every IQ answer the cached session received, in order: its id and how many roster items it carried. */
    private final List<Map.Entry<String, Integer>> iqAnswers = new CopyOnWriteArrayList<>();
    private final List<ProtocolSession> opened = new ArrayList<>();
    private ConnectionCreationListener tap;

    @BeforeEach
    void tapRosterAnswers() {
        tap = created -> {
            if (created instanceof AbstractXMPPConnection connection
                    && CACHED.contentEquals(connection.getConfiguration().getResource())) {
                connection.addStanzaSendingListener(stanza -> rosterRequestIds.add(stanza.getStanzaId()),
                        stanza -> stanza instanceof RosterPacket request && request.getType() == IQ.Type.get);
                connection.addStanzaListener(answer -> iqAnswers.add(Map.entry(answer.getStanzaId(),
                        answer instanceof RosterPacket roster ? roster.getRosterItemCount() : NOT_SENT)),
                        stanza -> stanza instanceof IQ iq
                                && (iq.getType() == IQ.Type.result || iq.getType() == IQ.Type.error));
            }
        };
        XMPPConnectionRegistry.addConnectionCreationListener(tap);
    }

    @AfterEach
    void closeAndUntap() {
        opened.forEach(ProtocolSession::close);
        XMPPConnectionRegistry.removeConnectionCreationListener(tap);
    }

    private String address(String user) {
        return user + "@" + PROSODY.get().domain();
    }

    private ProtocolSession alice(XmppProvider provider, String resource) throws Exception {
        Recorder recorder = new Recorder();
        ProtocolSession session = provider.open(XmppPeers.account(PROSODY.get(), "alice", true)
                .with(Map.of("resource", resource)), "alice123".toCharArray(), recorder);
        opened.add(session);
        session.register();
        // REGISTERED comes after the roster answer (the session asks for it before its presence)
        recorder.awaitState(RegistrationState.Kind.REGISTERED);
        return session;
    }

    /**
     * The roster answers counted so far, once there are {@code logins} of them: Smack hands an answer to the tap's
     * listener on its own listener thread, which may run after the session reported REGISTERED, and the request to
     * its sending listener on another.
     */
    private List<Integer> rosterAnswers(int logins) throws InterruptedException {
        XmppSessionIT.awaitTrue(() -> rosterAnswers().size() >= logins, "the roster answer of login " + logins);
        return rosterAnswers();
    }

    /** The answers to the cached session's roster requests, in order: the items each carried, or NOT_SENT. */
    private List<Integer> rosterAnswers() {
        return iqAnswers.stream().filter(answer -> rosterRequestIds.contains(answer.getKey())).map(Map.Entry::getValue)
                .toList();
    }

    private static Roster roster(ProtocolSession session) {
        return session.capability(Roster.class).orElseThrow();
    }

    private static String names(Roster roster) {
        return roster.entries().stream().map(entry -> entry.address() + "=" + entry.name()).toList().toString();
    }

    @Test
    void anUnchangedRosterIsNotSentAgainAndChangesArriveByPushOrWhole() throws Exception {
        H2Store cachedStore = H2Store.in(directory.resolve("cached"));
        XmppProvider cachedProvider = new XmppProvider(cachedStore);
        XmppProvider otherProvider = new XmppProvider(H2Store.in(directory.resolve("other")));

        // first login: nothing stored, the whole (empty) roster is asked for; two contacts added
        ProtocolSession first = alice(cachedProvider, CACHED);
        roster(first).add(address("bob"), "Bob", Set.of("Friends"));
        roster(first).add(address("carol"), "Carol", Set.of());
        first.close();
        assertEquals(List.of(0), rosterAnswers(1));

        // second login, nothing changed: the server answers without items and the roster comes from the store
        ProtocolSession second = alice(cachedProvider, CACHED);
        assertEquals(List.of(0, NOT_SENT), rosterAnswers(2), "an unchanged roster must not be sent again");
        assertEquals("[" + address("bob") + "=Bob, " + address("carol") + "=Carol]", names(roster(second)));
        RosterEntry bob = roster(second).entries().getFirst();
        assertEquals(Set.of("Friends"), bob.groups());

        // a change by another client of the account while this one is online arrives as a push and is stored
        ProtocolSession elsewhere = alice(otherProvider, "elsewhere");
        roster(elsewhere).rename(address("carol"), "Caroline");
        XmppSessionIT.awaitTrue(() -> names(roster(second)).contains("=Caroline"), "the pushed rename");
        second.close();
        ProtocolSession third = alice(cachedProvider, CACHED);
        assertEquals(List.of(0, NOT_SENT, NOT_SENT), rosterAnswers(3), "the pushed change was stored with its version");
        assertEquals("[" + address("bob") + "=Bob, " + address("carol") + "=Caroline]", names(roster(third)));
        third.close();

        // a change made while this client is offline: the stored version is stale, so the server sends the roster
        roster(elsewhere).rename(address("bob"), "Robert");
        ProtocolSession fourth = alice(cachedProvider, CACHED);
        assertEquals(List.of(0, NOT_SENT, NOT_SENT, 2), rosterAnswers(4), "a stale version must bring the current roster");
        assertEquals("[" + address("bob") + "=Robert, " + address("carol") + "=Caroline]", names(roster(fourth)));
        fourth.close();

        // a cached roster that cannot be read (its version current): the session asks again without a version
        try (Connection connection = cachedStore.connection();
                PreparedStatement corrupt = connection.prepareStatement("UPDATE XMPP_ROSTER SET ROSTER = ?")) {
            corrupt.setString(1, "<query xmlns='jabber:iq:roster'><item jid=");
            assertEquals(1, corrupt.executeUpdate());
        }
        ProtocolSession fifth = alice(cachedProvider, CACHED);
        assertEquals(List.of(0, NOT_SENT, NOT_SENT, 2, NOT_SENT, 2), rosterAnswers(6),
                "an unreadable cache must bring the whole roster");
        assertEquals("[" + address("bob") + "=Robert, " + address("carol") + "=Caroline]", names(roster(fifth)));
    }
}

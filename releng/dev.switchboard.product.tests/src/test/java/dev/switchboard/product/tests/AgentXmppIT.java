package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/**
 * Two agent products chat through a real Prosody (the agent contract for XMPP: account, register,
 * say, delivered, join, room, history); the receiving agent is then killed with SIGKILL and its
 * history still holds the message it had shown.
 */
class AgentXmppIT {

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension
            .of(() -> Prosody.builder().user("alice", "alice123").user("bob", "bob123").user("carol", "carol123")
                    .user("dave", "dave123").start());

    @TempDir
    Path temp;

    private static String accountAdd(String id, String user) throws Exception {
        Prosody prosody = PROSODY.get();
        String pin = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(prosody.certificate().getEncoded()));
        return "account add " + id + " xmpp jid=" + user + "@" + prosody.domain() + " host=" + prosody.host()
                + " port=" + prosody.c2sPort() + " tls.pin=" + pin + " password=" + user + "123"
                // registered by the test's own "register", so that a restarted agent stays offline
                + " autoconnect=false";
    }

    private static String awaitContaining(AgentProcess agent, String event, String text) throws InterruptedException {
        long deadline = System.nanoTime() + AgentProcess.REPLY_TIMEOUT.toNanos();
        while (true) {
            String line = agent.await(event, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.contains(text)) {
                return line;
            }
        }
    }

    private static AgentProcess online(Path profile, String id, String user, boolean addAccount) throws Exception {
        AgentProcess agent = AgentProcess.start(profile);
        agent.await("ready", AgentProcess.START_TIMEOUT);
        if (addAccount) {
            agent.send(accountAdd(id, user));
            agent.await("ok");
        }
        agent.send("register " + id);
        awaitContaining(agent, "registration", "\"state\":\"REGISTERED\"");
        return agent;
    }

    @Test
    void twoAgentsChatAndTheHistorySurvivesKill9() throws Exception {
        String domain = PROSODY.get().domain();
        Path bobProfile = temp.resolve("bob");
        try (AgentProcess alice = online(temp.resolve("alice"), "a", "alice", true)) {
            try (AgentProcess bob = online(bobProfile, "b", "bob", true)) {
                alice.send("say a bob@" + domain + " lunch at noon?");
                awaitContaining(bob, "message", "\"text\":\"lunch at noon?\"");
                // the receipt can overtake the agent's own report of the sent message: take its id from the
                // receipt, and the history (below) ties that id to the text
                String id = field(alice.await("delivered"), "id");

                String room = "lunch@" + PROSODY.get().mucDomain();
                alice.send("join a " + room + " Alice");
                awaitContaining(alice, "ok", "join");
                bob.send("join b " + room + " Bob");
                awaitContaining(bob, "ok", "join");
                alice.send("say a " + room + " table for two");
                awaitContaining(bob, "message", "\"text\":\"table for two\"");
                bob.send("room b " + room);
                String occupants = bob.await("room");
                assertTrue(occupants.contains("\"occupants\":[\"Alice\",\"Bob\"]"), occupants);

                bob.send("history b alice@" + domain);
                String history = bob.await("history");
                assertTrue(history.contains("\"text\":\"lunch at noon?\""), history);
                alice.send("history a bob@" + domain);
                String sentHistory = alice.await("history");
                assertTrue(sentHistory.contains("\"text\":\"lunch at noon?\",\"id\":\"" + id + "\"")
                        && sentHistory.contains("\"delivered\":true"), sentHistory);
                // bob's agent dies without any chance to flush (close() sends SIGKILL)
            }
            try (AgentProcess bob = AgentProcess.start(bobProfile)) {
                bob.await("ready", AgentProcess.START_TIMEOUT);
                bob.send("history b alice@" + domain);
                String history = bob.await("history");
                assertTrue(history.contains("\"text\":\"lunch at noon?\""), "lost after kill -9: " + history);
                bob.send("history search TABLE");
                String found = bob.await("history");
                assertTrue(found.contains("\"text\":\"table for two\""), found);
                bob.send("roster b");
                String error = bob.await("error");
                assertTrue(error.contains("not registered"), error);
            }
        }
    }

    /** The string value of {@code field} in an event line. */
    private static String field(String event, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(event);
        assertTrue(matcher.find(), "no " + field + " in " + event);
        return matcher.group(1);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void typingAvatarDetailsAndAFileBetweenTwoAgents() throws Exception {
        String domain = PROSODY.get().domain();
        // carol and dave: accounts the other test (which kills its bob) never used
        try (AgentProcess carol = online(temp.resolve("carol"), "c", "carol", true);
                AgentProcess dave = online(temp.resolve("dave"), "d", "dave", true)) {
            carol.send("say c dave@" + domain + " are you there?");
            awaitContaining(dave, "message", "\"text\":\"are you there?\"");
            carol.send("typing c dave@" + domain + " composing");
            awaitContaining(carol, "ok", "typing");
            String typing = awaitContaining(dave, "chatstate", "\"state\":\"composing\"");
            assertEquals("carol@" + domain, field(typing, "peer"), typing);
            carol.send("typing c dave@" + domain + " whistling");
            assertTrue(carol.await("error").contains("whistling"));

            byte[] image = new byte[2048];
            new Random(7).nextBytes(image);
            Path png = Files.write(temp.resolve("carol.png"), image);
            carol.send("avatar c " + png);
            awaitContaining(carol, "ok", "avatar");
            dave.send("details d carol@" + domain);
            String details = dave.await("details");
            assertEquals("image/png", field(details, "avatarType"), details);
            assertEquals(sha256(image), field(details, "avatarSha256"), details);
            assertTrue(details.contains("\"avatarBytes\":2048"), details);

            byte[] content = new byte[1024 * 1024];
            new Random(11).nextBytes(content);
            Path file = Files.write(temp.resolve("notes.bin"), content);
            carol.send("sendfile c dave@" + domain + " " + file);
            awaitContaining(carol, "ok", "sendfile");
            String sent = awaitContaining(carol, "transfer", "\"state\":\"done\"");
            assertEquals(sha256(content), field(sent, "sha256"), sent);
            String link = field(sent, "link");
            awaitContaining(dave, "message", "\"text\":\"" + link + "\"");
            Path fetched = temp.resolve("fetched.bin");
            dave.send("fetchfile d " + link + " " + fetched);
            awaitContaining(dave, "ok", "fetchfile");
            String received = awaitContaining(dave, "transfer", "\"state\":\"done\"");
            assertEquals(sha256(content), field(received, "sha256"), received);
            assertArrayEquals(content, Files.readAllBytes(fetched));
            // the sender's history holds the link it sent (the upload reports it like any sent message)
            carol.send("history c dave@" + domain);
            String history = carol.await("history");
            assertTrue(history.contains(link), history);
        }
    }
}

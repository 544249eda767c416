package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.await.Poll;
import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * SIGTERM (a session logout, systemd stopping the agent) ends the agent product as {@code quit} does, within the
 * bound a logout allows: the call in progress gets its BYE, the account is unregistered at Kamailio, and with a
 * registrar that has gone away the agent still exits in time, saying what it could not unregister.
 */
class AgentSignalIT {

    /** The stop's own bound (5 s, core.impl's SignalStop) plus the JVM's exit and the process being reaped. */
    private static final Duration EXIT_BOUND = Duration.ofMillis(6_500);
    /** What a JVM ended by SIGTERM exits with: 128 + 15. */
    private static final int SIGTERM_STATUS = 143;
    private static final Duration STEP = Duration.ofSeconds(20);

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("1002", "bob123").start());

    @TempDir
    Path temp;

    @Test
    void sigtermHangsUpTheCallAndUnregisters() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (AgentProcess agent = AgentProcess.start(temp.resolve("alice"));
                Baresip bob = Baresip.builder().account("1002", "bob123", kamailio).start()) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            registerAlice(agent, kamailio, " autoanswer=true");
            assertEquals(1, kamailio.awaitContacts("alice", Duration.ofSeconds(5)).size(), "alice bound");

            bob.command("/dial sip:alice@" + kamailio.domain());
            agent.await("call", "\"state\":\"CONNECTED\"", STEP);

            long sent = agent.terminate();
            int status = agent.exitCode(EXIT_BOUND);
            long stopMillis = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(SIGTERM_STATUS, status, "exit status after SIGTERM; stderr: " + agent.stderrTail());
            assertTrue(stopMillis <= EXIT_BOUND.toMillis(), "stopped in " + stopMillis + " ms");
            assertTrue(kamailio.contacts("alice").isEmpty(), "alice unbound at Kamailio: " + kamailio.contacts("alice"));
            // baresip closes the call on the BYE (an RTP timeout would take much longer and say so)
            Poll.until(() -> read(bob.logFile()).contains("session closed: Connection reset by peer"), Duration.ofSeconds(5),
                    "baresip saw the call end; its log: " + read(bob.logFile()));
            String log = agent.stderr();
            assertTrue(log.contains("stopping on a signal (SIGTERM"), log);
            assertTrue(log.contains("INFO: stopped on a signal"), log);
        }
    }

    @Test
    void sigtermWithTheRegistrarGoneExitsInTimeAndSaysWhatWasNotUnregistered() throws Exception {
        Kamailio gone = Kamailio.builder().user("alice", "alice123").start();
        try (AgentProcess agent = AgentProcess.start(temp.resolve("alice"))) {
            try (gone) {
                agent.await("ready", AgentProcess.START_TIMEOUT);
                registerAlice(agent, gone, "");
            }
            long sent = agent.terminate();
            int status = agent.exitCode(EXIT_BOUND);
            assertEquals(SIGTERM_STATUS, status, "exit status after SIGTERM");
            long stopMillis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(stopMillis <= EXIT_BOUND.toMillis(), "stopped in " + stopMillis + " ms");
            String log = agent.stderr();
            assertTrue(log.contains("stopping on a signal (SIGTERM"), log);
            assertTrue(log.contains("account alice: could not unregister from " + gone.host() + ":" + gone.port()), log);
        }
    }

    private static void registerAlice(AgentProcess agent, Kamailio kamailio, String extra) throws Exception {
        agent.send("account add alice sip user=alice domain=" + kamailio.domain() + " registrar=" + kamailio.host()
                + ":" + kamailio.port() + " password=alice123 capture=null: playback=null:" + extra);
        agent.await("ok");
        agent.send("register alice");
        agent.await("registration", "\"state\":\"REGISTERED\"", STEP);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}

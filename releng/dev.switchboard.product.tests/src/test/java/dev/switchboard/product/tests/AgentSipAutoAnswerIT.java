package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * The agent's auto-answer policy against real peers: baresip calls the agent's SIP account through Kamailio and the
 * call connects with no {@code answer} from a controller (the setting {@code autoanswer=true}, as scripts and the
 * calls/s benchmark use it).
 */
class AgentSipAutoAnswerIT {

    private static final Duration CALL_STEP = Duration.ofSeconds(20);

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("1002", "bob123").start());

    @TempDir
    Path temp;

    @Test
    void anIncomingCallIsAnsweredWithoutTheController() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (AgentProcess agent = AgentProcess.start(temp.resolve("alice"));
                Baresip bob = Baresip.builder().account("1002", "bob123", kamailio).start()) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("account add alice sip user=alice domain=" + kamailio.domain() + " registrar=" + kamailio.host()
                    + ":" + kamailio.port() + " password=alice123 capture=null: playback=null: autoanswer=true");
            agent.await("ok");
            agent.send("register alice");
            agent.await("registration", "\"state\":\"REGISTERED\"", CALL_STEP);

            bob.command("/dial sip:alice@" + kamailio.domain());
            String ringing = agent.await("call", "\"state\":\"RINGING_IN\"", CALL_STEP);
            assertTrue(ringing.contains("1002"), ringing);
            // nothing is sent to the agent between the ringing and the connected call
            String connected = agent.await("call", "\"state\":\"CONNECTED\"", CALL_STEP);
            assertTrue(connected.contains("\"direction\":\"INCOMING\""), connected);

            bob.command("/hangup");
            String ended = agent.await("call", "\"state\":\"ENDED\"", CALL_STEP);
            assertTrue(ended.contains("REMOTE_HANGUP"), ended);
            agent.send("quit");
            agent.await("ok");
        }
    }
}

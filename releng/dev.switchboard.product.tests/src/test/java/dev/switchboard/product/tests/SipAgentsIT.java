package dev.switchboard.product.tests;

import static dev.switchboard.product.tests.TwoAgents.awaitReady;
import static dev.switchboard.product.tests.TwoAgents.callEvent;
import static dev.switchboard.product.tests.TwoAgents.callId;
import static dev.switchboard.product.tests.TwoAgents.digits;
import static dev.switchboard.product.tests.TwoAgents.holdAndResume;
import static dev.switchboard.product.tests.TwoAgents.quit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.testing.await.Poll;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * Two agent products calling each other through Kamailio over SIP, driven only through the agent contract
 * (docs/agent.md): register (bob as extension 202), dial a bare extension, answer, mute, hold and resume (the far end
 * sees REMOTE_HOLD), DTMF seen by the far end, call waiting with a swap between the two calls, hang up, reject,
 * unregister, account removal. Transfers and conferences are proven at the plug-in level
 * (SipThreePartyIT), where the third party costs no third process.
 */
class SipAgentsIT {
    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @TempDir
    Path temp;
    /** The next event of call {@code call} in {@code state}, skipping the others. */
    private static String registration(AgentProcess agent, String state) throws InterruptedException {
        while (true) {
            String event = agent.await("registration");
            if (event.contains("\"state\":\"" + state + "\"")) {
                return event;
            }
            assertTrue(event.contains("REGISTERING") || event.contains("UNREGISTERED"), event);
        }
    }

    private static String account(String id, String user, String password, Kamailio kamailio) {
        return "account add " + id + " sip user=" + user + " domain=" + kamailio.domain() + " registrar="
                + kamailio.host() + ":" + kamailio.port() + " password=" + password + " codecs=PCMU"
                + " capture=null: playback=null:";
    }

    @Test
    void twoAgentsCallHoldKeyDigitsHangUpAndRejectOverSip() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        try (AgentProcess alice = AgentProcess.start(temp.resolve("alice"));
                AgentProcess bob = AgentProcess.start(temp.resolve("bob"))) {
            awaitReady(alice, bob);
            alice.send(account("a", "alice", "alice123", kamailio));
            alice.await("ok");
            // bob registers dynamically as extension 202 (authenticating as bob), and alice dials just the number
            bob.send(account("b", "bob", "bob123", kamailio) + " extension=202");
            bob.await("ok");
            alice.send("register a");
            registration(alice, "REGISTERED");
            bob.send("register b");
            registration(bob, "REGISTERED");
            assertEquals(1, kamailio.awaitContacts("202", Duration.ofSeconds(5)).size(), "bob bound as his extension");

            alice.send("dial a 202");
            String aliceCall = callId(alice.await("call"));
            String ringing = callEvent(bob, "RINGING_IN");
            assertTrue(ringing.contains("\"peer\":\"sip:alice@"), ringing);
            String bobCall = callId(ringing);
            bob.send("answer " + bobCall);
            assertTrue(callEvent(alice, "CONNECTED").contains("\"codec\":\"PCMU/8000\""), "µ-law, as configured");
            callEvent(bob, "CONNECTED");

            alice.send("mute " + aliceCall);
            alice.await("ok");
            alice.send("unmute " + aliceCall);
            alice.await("ok");
            holdAndResume(alice, aliceCall, bob);

            alice.send("dtmf " + aliceCall + " 159#");
            alice.await("ok");
            assertEquals("159#", digits(bob, bobCall, 4), "the digits alice keyed, in order, at bob");

            // call waiting: a second call reaches bob while he talks; he holds the first, answers the second, then
            // swaps back (the second on hold, the first resumed) and ends the second
            alice.send("dial a 202");
            String aliceWaiting = callId(alice.await("call"));
            String bobWaiting = callId(callEvent(bob, "RINGING_IN"));
            bob.send("hold " + bobCall);
            callEvent(bob, bobCall, "ON_HOLD");
            callEvent(alice, aliceCall, "REMOTE_HOLD");
            bob.send("answer " + bobWaiting);
            callEvent(bob, bobWaiting, "CONNECTED");
            callEvent(alice, aliceWaiting, "CONNECTED");
            bob.send("hold " + bobWaiting);
            callEvent(bob, bobWaiting, "ON_HOLD");
            bob.send("resume " + bobCall);
            callEvent(bob, bobCall, "CONNECTED");
            callEvent(alice, aliceCall, "CONNECTED");
            bob.send("hangup " + bobWaiting);
            callEvent(alice, aliceWaiting, "ENDED");

            bob.send("hangup " + bobCall);
            assertTrue(callEvent(bob, bobCall, "ENDED").contains("\"reason\":\"LOCAL_HANGUP\""));
            assertTrue(callEvent(alice, aliceCall, "ENDED").contains("\"reason\":\"REMOTE_HANGUP\""));

            alice.send("dial a 202");
            String aliceRefused = callId(alice.await("call"));
            String second = callId(callEvent(bob, "RINGING_IN"));
            bob.send("reject " + second);
            String refused = callEvent(alice, aliceRefused, "ENDED");
            assertTrue(refused.contains("\"reason\":\"BUSY\"") || refused.contains("\"reason\":\"REJECTED\""), refused);

            alice.send("unregister a");
            registration(alice, "UNREGISTERED");
            Poll.until(() -> kamailio.contacts("alice").isEmpty(), Duration.ofSeconds(5), "alice unbound at Kamailio");
            bob.send("account remove b");
            bob.await("ok");
            // the core unregisters a removed account after the command's ok
            Poll.until(() -> kamailio.contacts("202").isEmpty(), Duration.ofSeconds(5), "202 unbound at Kamailio");
            quit(alice, bob);
        }
    }
}

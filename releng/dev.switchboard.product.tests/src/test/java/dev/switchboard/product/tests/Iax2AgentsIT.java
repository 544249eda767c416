package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent products calling each other directly over IAX2 on loopback, driven only through the
 * agent contract (docs/agent.md): nothing outside the IAX2 plug-in knows the protocol.
 */
class Iax2AgentsIT {
    private static final Pattern CALL_ID = Pattern.compile("\"call\":\"([^\"]+)\"");

    @TempDir
    Path temp;

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    /** The next call event in {@code state}. */
    private static String callEvent(AgentProcess agent, String state) throws InterruptedException {
        while (true) {
            String event = agent.await("call");
            if (event.contains("\"state\":\"" + state + "\"")) {
                return event;
            }
        }
    }

    private static void awaitRegistered(AgentProcess agent) throws InterruptedException {
        String registration = agent.await("registration");
        while (!registration.contains("\"state\":\"REGISTERED\"")) {
            assertTrue(registration.contains("REGISTERING"), registration);
            registration = agent.await("registration");
        }
    }

    private static String callId(String event) {
        Matcher matcher = CALL_ID.matcher(event);
        assertTrue(matcher.find(), event);
        return matcher.group(1);
    }

    @Test
    void twoAgentsCallHoldAndHangUpOverIax2() throws Exception {
        int bobPort = freeUdpPort();
        try (AgentProcess alice = AgentProcess.start(temp.resolve("alice"));
                AgentProcess bob = AgentProcess.start(temp.resolve("bob"))) {
            alice.await("ready", AgentProcess.START_TIMEOUT);
            bob.await("ready", AgentProcess.START_TIMEOUT);
            bob.send("status");
            assertTrue(bob.await("status").matches(".*\"protocols\":\\[[^]]*\"iax2\".*"), "the IAX2 plug-in is installed");
            bob.send("account add b iax2 user=bob bind=127.0.0.1 port=" + bobPort + " audio.in=null: audio.out=null:");
            bob.await("ok");
            alice.send("account add a iax2 user=alice bind=127.0.0.1 port=0 audio.in=null: audio.out=null:");
            alice.await("ok");
            // without a server, registering opens the port for direct calls
            bob.send("register b");
            awaitRegistered(bob);
            alice.send("register a");
            awaitRegistered(alice);

            alice.send("dial a 127.0.0.1:" + bobPort + "/100");
            String aliceCall = callId(alice.await("call"));
            String ringing = callEvent(bob, "RINGING_IN");
            assertTrue(ringing.contains("\"peerName\":\"a\""), ringing);
            String bobCall = callId(ringing);
            bob.send("answer " + bobCall);
            assertTrue(callEvent(alice, "CONNECTED").contains("\"codec\":\"G722/8000\""), "G.722 first, as offered");
            callEvent(bob, "CONNECTED");

            alice.send("hold " + aliceCall);
            callEvent(alice, "ON_HOLD");
            callEvent(bob, "REMOTE_HOLD");
            alice.send("resume " + aliceCall);
            callEvent(alice, "CONNECTED");
            callEvent(bob, "CONNECTED");
            alice.send("dtmf " + aliceCall + " 123#");
            alice.await("ok");

            bob.send("hangup " + bobCall);
            assertTrue(callEvent(bob, "ENDED").contains("\"reason\":\"LOCAL_HANGUP\""));
            assertTrue(callEvent(alice, "ENDED").contains("\"reason\":\"REMOTE_HANGUP\""));
            alice.send("quit");
            bob.send("quit");
            assertEquals(0, alice.exitCode(java.time.Duration.ofSeconds(30)));
            assertEquals(0, bob.exitCode(java.time.Duration.ofSeconds(30)));
        }
    }
}

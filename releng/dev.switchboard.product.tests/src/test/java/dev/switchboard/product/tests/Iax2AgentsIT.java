package dev.switchboard.product.tests;

import static dev.switchboard.product.tests.TwoAgents.assertMuLawSpeech;
import static dev.switchboard.product.tests.TwoAgents.awaitReady;
import static dev.switchboard.product.tests.TwoAgents.awaitSize;
import static dev.switchboard.product.tests.TwoAgents.callEvent;
import static dev.switchboard.product.tests.TwoAgents.callId;
import static dev.switchboard.product.tests.TwoAgents.digits;
import static dev.switchboard.product.tests.TwoAgents.hangUp;
import static dev.switchboard.product.tests.TwoAgents.holdAndResume;
import static dev.switchboard.product.tests.TwoAgents.quit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent products calling each other directly over IAX2 on loopback, driven only through the
 * agent contract (docs/agent.md): nothing outside the IAX2 plug-in knows the protocol. Speech goes in
 * from one agent's file and is recorded at the other's; chat travels inside the call.
 */
class Iax2AgentsIT {
    @TempDir
    Path temp;

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
    private static void awaitRegistered(AgentProcess agent) throws InterruptedException {
        String registration = agent.await("registration");
        while (!registration.contains("\"state\":\"REGISTERED\"")) {
            assertTrue(registration.contains("REGISTERING"), registration);
            registration = agent.await("registration");
        }
    }
    @Test
    void twoAgentsCallWithSpeechChatHoldAndHangUpOverIax2() throws Exception {
        int bobPort = freeUdpPort();
        int rate = AudioTestCallIT.RATE;
        short[] speech = AudioTestCallIT.speechLike(rate * 3);
        Path in = AudioTestCallIT.writeWav(temp.resolve("alice-says.wav"), speech);
        Path heard = temp.resolve("bob-hears.wav");
        try (AgentProcess alice = AgentProcess.start(temp.resolve("alice"));
                AgentProcess bob = AgentProcess.start(temp.resolve("bob"))) {
            awaitReady(alice, bob);
            bob.send("status");
            assertTrue(bob.await("status").matches(".*\"protocols\":\\[[^]]*\"iax2\".*"), "the IAX2 plug-in is installed");
            // µ-law only (the codecs setting), so what bob records compares with the 8 kHz input as it is
            bob.send("account add b iax2 user=bob bind=127.0.0.1 port=" + bobPort + " codecs=PCMU audio.in=null: audio.out=file:"
                    + heard);
            bob.await("ok");
            alice.send("account add a iax2 user=alice bind=127.0.0.1 port=0 codecs=PCMU audio.in=file:" + in
                    + " audio.out=null:");
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
            assertTrue(callEvent(alice, "CONNECTED").contains("\"codec\":\"PCMU/8000\""), "µ-law, as configured");
            callEvent(bob, "CONNECTED");
            // the 3 s of speech and a little more recorded at bob (16-bit samples after a 44-byte header)
            awaitSize(heard, 44 + 2L * rate * 7 / 2, Duration.ofSeconds(20));

            // text frames inside the call: the peer of the chat is the call's remote address
            alice.send("say a 127.0.0.1:" + bobPort + "/100 hello over IAX2");
            String atBob = bob.await("message");
            assertTrue(atBob.contains("\"text\":\"hello over IAX2\"") && atBob.contains("\"incoming\":true"), atBob);
            Matcher peer = Pattern.compile("\"peer\":\"([^\"]+)\"").matcher(atBob);
            assertTrue(peer.find(), atBob);
            bob.send("say b " + peer.group(1) + " hello back");
            String atAlice = alice.await("message");
            while (!atAlice.contains("\"incoming\":true")) {
                atAlice = alice.await("message"); // alice's own sent message comes first
            }
            assertTrue(atAlice.contains("\"text\":\"hello back\""), atAlice);

            holdAndResume(alice, aliceCall, bob);
            alice.send("dtmf " + aliceCall + " 123#");
            alice.await("ok");
            assertEquals("123#", digits(bob, bobCall, 4), "the digits alice keyed, in order, at bob");

            hangUp(bob, bobCall, alice);
            quit(alice, bob);
        }
        short[] recorded = AudioTestCallIT.readWav(heard);
        assertMuLawSpeech("IAX2 agents", speech, recorded, rate);
    }
}

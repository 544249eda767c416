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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agent products and H.323 on loopback, driven only through the agent contract (docs/agent.md):
 * an account with a gatekeeper and a password whose gatekeeper never answers is reported lost within
 * 15 s; without the gatekeeper the same account calls the other agent directly by number@IP:port:
 * speech from alice's file recorded at bob (segmental SNR at µ-law's level), hold and resume, DTMF both
 * ways (RFC 2833 in the media), hang-up from the callee, then from the caller.
 */
class H323AgentsIT {
    @TempDir
    Path temp;

    private static int freeTcpPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String registration(AgentProcess agent, String state, Duration timeout) throws InterruptedException {
        while (true) {
            String event = agent.await("registration", timeout);
            if (event.contains("\"state\":\"" + state + "\"")) {
                return event;
            }
        }
    }
    /** Waits until {@code file} holds {@code bytes}: the recording has taken that much audio. */
    @Test
    void gatekeeperLossIsReportedAndDirectCallsWork() throws Exception {
        int bobPort = freeTcpPort();
        int rate = AudioTestCallIT.RATE;
        short[] speech = AudioTestCallIT.speechLike(rate * 3);
        Path in = AudioTestCallIT.writeWav(temp.resolve("alice-says.wav"), speech);
        Path heard = temp.resolve("bob-hears.wav");
        Path firstCall = temp.resolve("bob-heard-in-the-first-call.wav");
        try (DatagramSocket silentGatekeeper = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                AgentProcess alice = AgentProcess.start(temp.resolve("alice"));
                AgentProcess bob = AgentProcess.start(temp.resolve("bob"))) {
            awaitReady(alice, bob);
            bob.send("status");
            assertTrue(bob.await("status").matches(".*\"protocols\":\\[[^]]*\"h323\".*"), "the H.323 plug-in is installed");
            // µ-law only (the codecs setting), so what bob records compares with the 8 kHz input as it is
            bob.send("account add b h323 alias=bob e164=2002 port=" + bobPort + " codecs=PCMU audio.in=null: audio.out=file:"
                    + heard);
            bob.await("ok");
            bob.send("register b");
            registration(bob, "REGISTERED", AgentProcess.REPLY_TIMEOUT);

            alice.send("account add a h323 alias=alice e164=2001 gatekeeper=127.0.0.1:" + silentGatekeeper.getLocalPort()
                    + " password=alice123 port=0 audio.in=file:" + in + " audio.out=null:");
            alice.await("ok");
            alice.send("register a");
            long start = System.nanoTime();
            String lost = registration(alice, "CONNECTION_LOST", Duration.ofSeconds(15));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() <= 15, lost);
            assertTrue(lost.contains("does not answer"), lost);
            assertTrue(!lost.contains("alice123"), "no password in events");

            // an active account re-registers by itself with its new settings, here without a gatekeeper;
            // its REGISTERED may come before or after the command's ok, so wait for the event alone
            alice.send("account set a gatekeeper=");
            registration(alice, "REGISTERED", AgentProcess.REPLY_TIMEOUT);
            alice.send("dial a 2002@127.0.0.1:" + bobPort);
            String aliceCall = callId(alice.await("call"));
            String ringing = callEvent(bob, "RINGING_IN");
            String bobCall = callId(ringing);
            bob.send("answer " + bobCall);
            assertTrue(callEvent(alice, "CONNECTED").contains("\"codec\":\"PCMU/8000\""), "bob accepts PCMU only");
            callEvent(bob, "CONNECTED");
            // the 3 s of speech and a little more recorded at bob (16-bit samples after a 44-byte header)
            awaitSize(heard, 44 + 2L * rate * 7 / 2, Duration.ofSeconds(20));
            holdAndResume(alice, aliceCall, bob);
            // both agents list RFC 2833 telephone events, so the keys go in the media
            alice.send("dtmf " + aliceCall + " 123#");
            alice.await("ok");
            assertEquals("123#", digits(bob, bobCall, 4), "the digits alice keyed, in order, at bob");
            bob.send("dtmf " + bobCall + " 9");
            bob.await("ok");
            assertEquals("9", digits(alice, aliceCall, 1), "bob's digit at alice");

            hangUp(bob, bobCall, alice);
            Files.copy(heard, firstCall); // bob's recording is complete once his call ended; the next call records anew

            // and a call the caller hangs up
            alice.send("dial a 2002@127.0.0.1:" + bobPort);
            String second = callId(alice.await("call"));
            String bobSecond = callId(callEvent(bob, "RINGING_IN"));
            bob.send("answer " + bobSecond);
            callEvent(alice, "CONNECTED");
            callEvent(bob, "CONNECTED");
            hangUp(alice, second, bob);
            quit(alice, bob);
        }
        short[] recorded = AudioTestCallIT.readWav(firstCall);
        assertMuLawSpeech("H.323 agents", speech, recorded, rate);
    }
}

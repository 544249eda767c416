package dev.switchboard.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent product as scripts drive it: the contract of docs/agent.md. */
class AgentProductIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void answersStatusAndQuitsWithZero() throws Exception {
        try (AgentProcess agent = AgentProcess.start(temp.resolve("p"))) {
            String ready = agent.await("ready", AgentProcess.START_TIMEOUT);
            assertTrue(ready.matches(".*\"pid\":\\d+.*"), ready);
            agent.send("status");
            String status = agent.await("status");
            assertTrue(status.contains("\"accounts\":[]"), status);
            assertTrue(status.contains("\"codecs\":[\"opus/48000/2\",\"G722/8000\",\"PCMU/8000\",\"PCMA/8000\",\"G729/8000\",\"iLBC/8000\"]"),
                    "codec plug-ins not offered in preference order: " + status);
            assertTrue(status.contains("\"presence\":{\"show\":\"available\""), status);
            agent.send("quit");
            agent.await("ok");
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
            assertEquals(List.of(), agent.strayLines(), "stdout must carry JSON events only");
        }
    }

    @Test
    void badInputGetsErrorEventsAndTheAgentCarriesOn() throws Exception {
        try (AgentProcess agent = AgentProcess.start(temp.resolve("p"))) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("frobnicate now");
            assertTrue(agent.await("error").contains("\"command\":\"frobnicate\""));
            agent.send("dial nobody 123");
            assertTrue(agent.await("error").contains("no account nobody"));
            agent.send("say \"unterminated");
            assertTrue(agent.await("error").contains("unterminated quote"));
            // a protocol no installed plug-in serves (sip now has one)
            agent.send("account add a1 nosuch user=alice password=alice123");
            agent.await("ok");
            agent.send("register a1");
            String error = agent.await("error");
            assertTrue(error.contains("no nosuch plug-in is installed"), error);
            agent.send("presence all sleepy");
            assertTrue(agent.await("error").contains("unknown availability"));
            agent.send("status");
            agent.await("status");
            agent.send("quit");
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
        }
    }

    @Test
    void accountsAndPresencePersistAndThePasswordIsNeverStoredInClear() throws Exception {
        Path profile = temp.resolve("persist");
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            agent.send("account add a1 sip user=alice domain=127.0.0.1 password=Zebra-Secret-42 transport=udp");
            agent.await("ok");
            agent.send("presence all dnd \"back at 3\"");
            agent.await("presence");
            agent.send("quit");
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
        }
        try (AgentProcess agent = AgentProcess.start(profile)) {
            agent.await("ready", AgentProcess.START_TIMEOUT);
            // the stored account connects at start by itself (autoconnect is on unless set to false)
            String connecting = agent.await("registration");
            assertTrue(connecting.contains("\"account\":\"a1\",\"state\":\"REGISTERING\""), connecting);
            agent.send("accounts");
            String accounts = agent.await("accounts");
            assertTrue(accounts.contains("\"account\":\"a1\",\"protocol\":\"sip\""), accounts);
            assertTrue(accounts.contains("\"user\":\"alice\""), accounts);
            assertFalse(accounts.contains("Zebra-Secret-42"), "secrets must not be echoed: " + accounts);
            agent.send("presence");
            String presence = agent.await("presence");
            assertTrue(presence.contains("\"show\":\"dnd\",\"note\":\"back at 3\""), presence);
            agent.send("quit");
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains("Zebra-Secret-42"), "password in clear in " + file);
            }
        }
    }

    @Test
    void twoAgentsRunSideBySideWithTheirOwnProfiles() throws Exception {
        try (AgentProcess first = AgentProcess.start(temp.resolve("one"));
                AgentProcess second = AgentProcess.start(temp.resolve("two"))) {
            first.await("ready", AgentProcess.START_TIMEOUT);
            second.await("ready", AgentProcess.START_TIMEOUT);
            first.send("account add only-here sip user=alice domain=127.0.0.1");
            first.await("ok");
            second.send("accounts");
            assertTrue(second.await("accounts").contains("\"accounts\":[]"));
            first.send("accounts");
            assertTrue(first.await("accounts").contains("only-here"));
            first.send("quit");
            second.send("quit");
            assertEquals(0, first.exitCode(EXIT_TIMEOUT));
            assertEquals(0, second.exitCode(EXIT_TIMEOUT));
        }
    }

    @Test
    void theSameCommandsWorkOverLoopbackTcp() throws Exception {
        try (AgentProcess agent = AgentProcess.start(temp.resolve("tcp"), "--listen", "0")) {
            String ready = agent.await("ready", AgentProcess.START_TIMEOUT);
            Matcher port = Pattern.compile("\"port\":(\\d+)").matcher(ready);
            assertTrue(port.find(), ready);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port.group(1)));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                socket.setSoTimeout((int) AgentProcess.REPLY_TIMEOUT.toMillis());
                out.write("account add t1 xmpp jid=alice@localhost\nstatus\n");
                out.flush();
                assertEquals("{\"event\":\"ok\",\"command\":\"account add\"}", in.readLine());
                String status = in.readLine();
                assertTrue(status.startsWith("{\"event\":\"status\"") && status.contains("\"account\":\"t1\""), status);
                out.write("quit\n");
                out.flush();
                assertEquals("{\"event\":\"ok\",\"command\":\"quit\"}", in.readLine());
            }
            assertEquals(0, agent.exitCode(EXIT_TIMEOUT));
        }
    }

    @Test
    void aBadOptionStopsWithUsageAndExitCodeTwo() throws Exception {
        try (AgentProcess agent = AgentProcess.start(temp.resolve("bad"), "--audio-in", "/nonexistent/in.wav")) {
            String error = agent.await("error", AgentProcess.START_TIMEOUT);
            assertTrue(error.contains("--audio-in: cannot read"), error);
            assertEquals(2, agent.exitCode(EXIT_TIMEOUT));
        }
    }
}

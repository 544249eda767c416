package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.spi.MessageSender;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;

/**
 * Interoperability with a client that is not Smack: slixmpp (Python, Debian's python3-slixmpp)
 * chats with our session through Prosody, with delivery receipts both ways.
 */
class SlixmppInteropIT {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension
            .of(() -> Prosody.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void chatWithReceiptsBothWays() throws Exception {
        Path script = Path.of(System.getProperty("switchboard.xmpp.peer", "peer/slixmpp_peer.py"));
        assertTrue(Files.isRegularFile(script), "the slixmpp peer script is missing: " + script.toAbsolutePath());
        assertTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is missing (Debian package python3-slixmpp)");
        Prosody prosody = PROSODY.get();
        String alice = "alice@" + prosody.domain();
        Recorder recorder = new Recorder();
        ProtocolSession session = XmppPeers.provider().open(XmppPeers.account(prosody, "alice", true),
                "alice123".toCharArray(), recorder);
        Process peer = null;
        try {
            session.register();
            recorder.awaitState(RegistrationState.Kind.REGISTERED);
            peer = new ProcessBuilder(PYTHON.toString(), script.toString(), prosody.host(),
                    Integer.toString(prosody.c2sPort()), "bob@" + prosody.domain(), "bob123",
                    prosody.certificateFile().toString(), alice, "hello from slixmpp")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Process running = peer;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("EOF " + e.getMessage());
                }
            }, "slixmpp-output");
            reader.setDaemon(true);
            reader.start();

            String sent = awaitLine(lines, "SENT ");
            Message received = recorder.await(Message.class, m -> m.text().equals("hello from slixmpp"),
                    "slixmpp's message");
            assertEquals("bob@" + prosody.domain(), received.peer());
            assertEquals(sent.substring("SENT ".length()), received.id());
            assertEquals("RECEIPT " + received.id(), awaitLine(lines, "RECEIPT "), "our receipt reached slixmpp");

            Message reply = session.capability(MessageSender.class).orElseThrow()
                    .send("bob@" + prosody.domain(), "hello from smack");
            assertEquals("GOT hello from smack", awaitLine(lines, "GOT "));
            recorder.await(Recorder.Delivered.class, d -> d.messageId().equals(reply.id()), "slixmpp's receipt");
        } finally {
            if (peer != null) {
                peer.getOutputStream().close(); // the script ends when its stdin closes
                if (!peer.waitFor(10, TimeUnit.SECONDS)) {
                    peer.destroyForcibly();
                }
            }
            session.close();
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Recorder.TIMEOUT.toNanos();
        List<String> seen = new java.util.ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("slixmpp printed no '" + prefix + "' line within " + Recorder.TIMEOUT + "; saw " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }
}

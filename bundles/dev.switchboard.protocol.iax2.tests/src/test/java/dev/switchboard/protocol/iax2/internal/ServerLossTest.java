package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;

/**
 * A registered account whose server stops answering shows CONNECTION_LOST within 15 s and registers
 * again by itself once the server is back. The server is a small scripted one (REGREQ → REGACK,
 * POKE → PONG) because the point is its silence, which no captured exchange has.
 */
class ServerLossTest {

    /** Answers REGREQ and POKE while {@code answering}; its call numbers count up from 100. */
    private static final class ScriptedServer implements AutoCloseable {
        final RawPeer socket;
        volatile boolean answering = true;
        private final Thread thread;
        private int nextCall = 100;

        ScriptedServer() throws Exception {
            socket = new RawPeer();
            thread = new Thread(this::serve, "scripted-iax2-server");
            thread.setDaemon(true);
            thread.start();
        }

        private void serve() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    IaxFrame frame = socket.receive(200);
                    if (!answering || !(frame instanceof FullFrame full) || full.destinationCall() != 0) {
                        continue;
                    }
                    InetSocketAddress client = socket.lastSender();
                    if (full.isIax(IaxCommand.REGREQ)) {
                        socket.send(FullFrame.of(nextCall++, full.sourceCall(), full.timestamp(), 0, 1, FrameType.IAX,
                                IaxCommand.REGACK, InformationElements.builder()
                                        .string(InformationElement.USERNAME, "bob")
                                        .u16(InformationElement.REFRESH, 60).encode()), client);
                    } else if (full.isIax(IaxCommand.POKE)) {
                        socket.send(FullFrame.of(nextCall++, full.sourceCall(), full.timestamp(), 0, 1, FrameType.IAX,
                                IaxCommand.PONG, new byte[0]), client);
                    }
                }
            } catch (Exception e) {
                // socket closed: the test is over
            }
        }

        @Override
        public void close() {
            thread.interrupt();
            socket.close();
        }
    }

    @Test
    void silenceIsConnectionLostWithinFifteenSecondsAndTheRegistrationComesBack() throws Exception {
        Recorders.Session listener = new Recorders.Session();
        try (ScriptedServer server = new ScriptedServer();
                Iax2Session session = new Iax2Session(new Account("loss", "iax2", Map.of("user", "bob",
                        "server", "127.0.0.1:" + server.socket.address().getPort(), "port", "0")),
                        "bob123".toCharArray(), listener, TestMedia.factory(new LinkedBlockingQueue<>()))) {
            session.register();
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.REGISTERED, listener.next());

            server.answering = false;
            long silentSince = System.nanoTime();
            RegistrationState lost = listener.next();
            long detectedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
            assertEquals(RegistrationState.Kind.CONNECTION_LOST, lost.kind(), lost.toString());
            assertTrue(lost.reason().startsWith("no answer from 127.0.0.1:"), lost.reason());
            assertTrue(detectedAfter <= 15_000, "lost after " + detectedAfter + " ms");

            server.answering = true;
            assertEquals(RegistrationState.REGISTERING, listener.next());
            assertEquals(RegistrationState.REGISTERED, listener.next());
        }
    }
}

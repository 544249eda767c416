package dev.switchboard.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PeerExtensionTest {
    private static final class CountingPeer implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void startsBeforeAllAndClosesOnceAfterAll() throws Exception {
        CountingPeer peer = new CountingPeer();
        PeerExtension<CountingPeer> extension = PeerExtension.of(() -> peer);
        assertThrows(IllegalStateException.class, extension::get);

        extension.beforeAll(null);
        assertSame(peer, extension.get());
        extension.afterAll(null);
        extension.afterAll(null);

        assertEquals(1, peer.closed.get());
        assertThrows(IllegalStateException.class, extension::get);
    }

    @Test
    void failedStartIsPassedOnAndLeavesNothingToClose() throws Exception {
        PeerExtension<CountingPeer> extension = PeerExtension.of(() -> {
            throw new PeerStartException("kamailio is not installed");
        });

        assertThrows(PeerStartException.class, () -> extension.beforeAll(null));
        extension.afterAll(null);
    }
}

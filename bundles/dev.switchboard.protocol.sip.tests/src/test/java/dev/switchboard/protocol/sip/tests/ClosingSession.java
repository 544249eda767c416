package dev.switchboard.protocol.sip.tests;

import dev.switchboard.core.spi.ProtocolSession;

/** Closes a session at the end of a try block, as the core closes it when an account goes away. */
record ClosingSession(ProtocolSession session) implements AutoCloseable {
    @Override
    public void close() {
        session.close();
    }
}

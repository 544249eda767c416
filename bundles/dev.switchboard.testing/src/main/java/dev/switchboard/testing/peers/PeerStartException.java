package dev.switchboard.testing.peers;

import java.io.Serial;

/**
 * A peer could not be started: its program is not installed, its configuration was refused, it died
 * while starting or did not answer its readiness probe in time. The message says which, and includes
 * the tail of the peer's log when there is one.
 */
public final class PeerStartException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public PeerStartException(String message) {
        super(message);
    }

    public PeerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

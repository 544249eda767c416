package dev.switchboard.protocol.h323.internal.ras;

/** A RAS request went unanswered after all its retransmissions. */
public final class RasTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    public RasTimeoutException(String message) {
        super(message);
    }
}

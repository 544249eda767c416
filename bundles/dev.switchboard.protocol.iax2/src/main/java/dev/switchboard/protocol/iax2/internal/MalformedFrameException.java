package dev.switchboard.protocol.iax2.internal;

/** A datagram that is not a well-formed IAX2 frame; it is logged and dropped, never fatal. */
final class MalformedFrameException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedFrameException(String message) {
        super(message);
    }
}

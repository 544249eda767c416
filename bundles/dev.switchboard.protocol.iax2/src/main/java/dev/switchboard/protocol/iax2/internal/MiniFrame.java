package dev.switchboard.protocol.iax2.internal;

/**
 * A mini frame (RFC 5456 section 8.1.2): voice in the format of the call's last full voice frame,
 * with only the low 16 bits of the timestamp.
 */
record MiniFrame(int sourceCall, int timestamp16, byte[] payload) implements IaxFrame {
    static final int HEADER_LENGTH = 4;
}

package dev.switchboard.protocol.iax2.internal;

/** Subclasses of CONTROL frames, RFC 5456 section 8.3. */
final class ControlSubclass {
    static final int HANGUP = 0x01;
    static final int RINGING = 0x03;
    static final int ANSWER = 0x04;
    static final int BUSY = 0x05;
    static final int CONGESTION = 0x08;
    static final int FLASH = 0x09;
    static final int PROGRESS = 0x0e;
    static final int PROCEEDING = 0x0f;
    static final int HOLD = 0x10;
    static final int UNHOLD = 0x11;
    static final int SRCUPDATE = 0x14;
    /** Asterisk's "stop sounds" (its control value -1, sent as the raw byte 0xff). */
    static final int STOP_SOUNDS = 0xff;

    private ControlSubclass() {
    }
}

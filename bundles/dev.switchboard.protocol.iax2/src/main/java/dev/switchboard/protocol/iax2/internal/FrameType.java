package dev.switchboard.protocol.iax2.internal;

/** Full-frame types, RFC 5456 section 8.2, plus DTMF_BEGIN as Asterisk sends it. */
final class FrameType {
    static final int DTMF_END = 0x01;
    static final int VOICE = 0x02;
    static final int VIDEO = 0x03;
    static final int CONTROL = 0x04;
    static final int NULL = 0x05;
    static final int IAX = 0x06;
    static final int TEXT = 0x07;
    static final int IMAGE = 0x08;
    static final int HTML = 0x09;
    static final int COMFORT_NOISE = 0x0a;
    /** Not in RFC 5456; Asterisk 1.6+ sends the key press as DTMF_BEGIN and the release as DTMF (END). */
    static final int DTMF_BEGIN = 0x0c;

    private FrameType() {
    }
}

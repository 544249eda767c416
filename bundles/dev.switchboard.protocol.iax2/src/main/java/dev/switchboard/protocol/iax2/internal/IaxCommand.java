package dev.switchboard.protocol.iax2.internal;

/** Subclasses of IAX frames (RFC 5456 section 8.4), plus CALLTOKEN (40) that Asterisk 1.6.2+ uses. */
final class IaxCommand {
    static final int NEW = 0x01;
    static final int PING = 0x02;
    static final int PONG = 0x03;
    static final int ACK = 0x04;
    static final int HANGUP = 0x05;
    static final int REJECT = 0x06;
    static final int ACCEPT = 0x07;
    static final int AUTHREQ = 0x08;
    static final int AUTHREP = 0x09;
    static final int INVAL = 0x0a;
    static final int LAGRQ = 0x0b;
    static final int LAGRP = 0x0c;
    static final int REGREQ = 0x0d;
    static final int REGAUTH = 0x0e;
    static final int REGACK = 0x0f;
    static final int REGREJ = 0x10;
    static final int REGREL = 0x11;
    static final int VNAK = 0x12;
    /** Call path optimisation (RFC 5456 section 6.3): the server asks both ends to talk directly. */
    static final int TXREQ = 0x16;
    static final int TXCNT = 0x17;
    static final int TXACC = 0x18;
    static final int TXREADY = 0x19;
    static final int TXREL = 0x1a;
    static final int TXREJ = 0x1b;
    static final int QUELCH = 0x1c;
    static final int UNQUELCH = 0x1d;
    static final int POKE = 0x1e;
    static final int UNSUPPORT = 0x21;
    static final int TRANSFER = 0x22;
    /** Asterisk's media-only variant of TXREL ({@code transfer=mediaonly}); not part of RFC 5456's flow. */
    static final int TXMEDIA = 0x26;
    static final int RTKEY = 0x27;
    static final int CALLTOKEN = 0x28;

    private IaxCommand() {
    }

    /**
     * Frames that do not take a sequence number of their own (RFC 5456 section 7: ACK, INVAL, VNAK,
     * TXCNT, TXACC), so they neither advance the sender's OSeqno nor the receiver's ISeqno.
     */
    static boolean unsequenced(int subclass) {
        return subclass == ACK || subclass == INVAL || subclass == VNAK || subclass == TXCNT || subclass == TXACC;
    }

    static String name(int subclass) {
        return switch (subclass) {
            case NEW -> "NEW";
            case PING -> "PING";
            case PONG -> "PONG";
            case ACK -> "ACK";
            case HANGUP -> "HANGUP";
            case REJECT -> "REJECT";
            case ACCEPT -> "ACCEPT";
            case AUTHREQ -> "AUTHREQ";
            case AUTHREP -> "AUTHREP";
            case INVAL -> "INVAL";
            case LAGRQ -> "LAGRQ";
            case LAGRP -> "LAGRP";
            case REGREQ -> "REGREQ";
            case REGAUTH -> "REGAUTH";
            case REGACK -> "REGACK";
            case REGREJ -> "REGREJ";
            case REGREL -> "REGREL";
            case VNAK -> "VNAK";
            case TXREQ -> "TXREQ";
            case TXCNT -> "TXCNT";
            case TXACC -> "TXACC";
            case TXREADY -> "TXREADY";
            case TXREL -> "TXREL";
            case TXREJ -> "TXREJ";
            case TXMEDIA -> "TXMEDIA";
            case QUELCH -> "QUELCH";
            case UNQUELCH -> "UNQUELCH";
            case POKE -> "POKE";
            case UNSUPPORT -> "UNSUPPORT";
            case TRANSFER -> "TRANSFER";
            case RTKEY -> "RTKEY";
            case CALLTOKEN -> "CALLTOKEN";
            default -> "IAX(" + subclass + ")";
        };
    }
}

package dev.switchboard.protocol.iax2.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * An IAX2 full frame (RFC 5456 section 8.1.1): the reliable, sequenced frame that carries
 * signalling, the first voice frame of a call and every format or timestamp change.
 *
 * @param rawSubclass the subclass byte as on the wire: values up to 0x7f as they are, larger ones
 *                    as 0x80 | log2(value) (the "C" bit), and Asterisk's -1 as 0xff; kept raw so a
 *                    decoded frame encodes back to the same bytes
 * @param payload     what follows the 12-byte header: information elements for IAX frames,
 *                    encoded audio for voice frames
 */
record FullFrame(int sourceCall, int destinationCall, boolean retransmission, long timestamp,
        int outboundSequence, int inboundSequence, int frameType, int rawSubclass, byte[] payload)
        implements IaxFrame {

    static final int HEADER_LENGTH = 12;

    FullFrame {
        if (sourceCall < 0 || sourceCall > 0x7fff || destinationCall < 0 || destinationCall > 0x7fff) {
            throw new IllegalArgumentException("call numbers are 15 bits: " + sourceCall + ", " + destinationCall);
        }
        Objects.requireNonNull(payload, "payload");
        timestamp &= 0xffffffffL;
    }

    /** A full frame whose subclass is given as its value (compressed here when above 0x7f). */
    static FullFrame of(int sourceCall, int destinationCall, long timestamp, int outboundSequence,
            int inboundSequence, int frameType, long subclass, byte[] payload) {
        return new FullFrame(sourceCall, destinationCall, false, timestamp, outboundSequence, inboundSequence,
                frameType, compressSubclass(subclass), payload);
    }

    /** The subclass value: the command, control, DTMF digit or (voice) the format bit. */
    long subclass() {
        if (rawSubclass == 0xff) {
            return 0xff;
        }
        if ((rawSubclass & 0x80) != 0) {
            return 1L << (rawSubclass & 0x3f);
        }
        return rawSubclass;
    }

    static int compressSubclass(long value) {
        if (value < 0x80) {
            return (int) value;
        }
        if (value == 0xff) {
            return 0xff;
        }
        if (Long.bitCount(value) != 1) {
            throw new IllegalArgumentException("a subclass above 0x7f must be a power of two: " + value);
        }
        return 0x80 | Long.numberOfTrailingZeros(value);
    }

    boolean isIax(int command) {
        return frameType == FrameType.IAX && rawSubclass == command;
    }

    /** Whether this frame neither takes a sequence number nor wants an acknowledgement. */
    boolean unsequenced() {
        return frameType == FrameType.IAX && IaxCommand.unsequenced(rawSubclass);
    }

    InformationElements informationElements() {
        return InformationElements.decode(payload, 0, payload.length);
    }

    FullFrame retransmitted() {
        return new FullFrame(sourceCall, destinationCall, true, timestamp, outboundSequence, inboundSequence,
                frameType, rawSubclass, payload);
    }

    FullFrame withInboundSequence(int sequence) {
        return new FullFrame(sourceCall, destinationCall, retransmission, timestamp, outboundSequence, sequence,
                frameType, rawSubclass, payload);
    }

    String describe() {
        String kind = switch (frameType) {
            case FrameType.IAX -> IaxCommand.name(rawSubclass);
            case FrameType.CONTROL -> "CONTROL(" + rawSubclass + ")";
            case FrameType.VOICE -> "VOICE(" + subclass() + ")";
            case FrameType.DTMF_BEGIN -> "DTMF_BEGIN(" + (char) rawSubclass + ")";
            case FrameType.DTMF_END -> "DTMF_END(" + (char) rawSubclass + ")";
            default -> "TYPE" + frameType + "(" + rawSubclass + ")";
        };
        return kind + " " + sourceCall + "->" + destinationCall + " ts=" + timestamp + " o=" + outboundSequence
                + " i=" + inboundSequence + (retransmission ? " R" : "");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FullFrame that && sourceCall == that.sourceCall
                && destinationCall == that.destinationCall && retransmission == that.retransmission
                && timestamp == that.timestamp && outboundSequence == that.outboundSequence
                && inboundSequence == that.inboundSequence && frameType == that.frameType
                && rawSubclass == that.rawSubclass && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourceCall, destinationCall, timestamp, outboundSequence, frameType, rawSubclass)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return describe();
    }
}

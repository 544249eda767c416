package dev.switchboard.media.rtp;

import java.nio.ByteBuffer;

/**
 * One RTP packet (RFC 3550 section 5.1), reusable: {@link #parse(byte[], int, int)} makes it a view of a
 * received datagram, the setters and {@link #write(byte[], int, byte[], int, int)} produce one into a
 * caller-owned buffer. Nothing is allocated per packet; a parsed payload stays in the caller's array, so
 * it is valid only until that array is reused. Not thread-safe.
 * <p>
 * Written packets carry no padding and no header extension (nothing in this engine needs them); parsed
 * packets may have both, and the extension is skipped.
 */
public final class RtpPacket {
    public static final int VERSION = 2;
    public static final int FIXED_HEADER_LENGTH = 12;
    public static final int MAX_CSRC_COUNT = 15;

    private final long[] csrcs = new long[MAX_CSRC_COUNT];
    private int csrcCount;
    private boolean marker;
    private int payloadType;
    private int sequenceNumber;
    private long timestamp;
    private long ssrc;
    private boolean padded;
    private boolean extended;
    private byte[] payloadArray = new byte[0];
    private int payloadOffset;
    private int payloadLength;

    /**
     * Reads the packet in {@code data[offset, offset + length)}. On anything but {@link RtpParseResult#VALID}
     * this object's fields are unspecified.
     */
    public RtpParseResult parse(byte[] data, int offset, int length) {
        if (length < FIXED_HEADER_LENGTH) {
            return RtpParseResult.TOO_SHORT;
        }
        int first = data[offset] & 0xff;
        if (first >>> 6 != VERSION) {
            return RtpParseResult.WRONG_VERSION;
        }
        padded = (first & 0x20) != 0;
        extended = (first & 0x10) != 0;
        csrcCount = first & 0x0f;
        int second = data[offset + 1] & 0xff;
        marker = (second & 0x80) != 0;
        payloadType = second & 0x7f;
        sequenceNumber = readUnsigned16(data, offset + 2);
        timestamp = readUnsigned32(data, offset + 4);
        ssrc = readUnsigned32(data, offset + 8);

        int headerEnd = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (headerEnd > length) {
            return RtpParseResult.CSRC_PAST_END;
        }
        for (int i = 0; i < csrcCount; i++) {
            csrcs[i] = readUnsigned32(data, offset + FIXED_HEADER_LENGTH + 4 * i);
        }
        if (extended) {
            if (headerEnd + 4 > length) {
                return RtpParseResult.EXTENSION_PAST_END;
            }
            int extensionWords = readUnsigned16(data, offset + headerEnd + 2);
            headerEnd += 4 + 4 * extensionWords;
            if (headerEnd > length) {
                return RtpParseResult.EXTENSION_PAST_END;
            }
        }
        int paddingLength = 0;
        if (padded) {
            // the last octet counts the padding including itself, so 0 is impossible
            paddingLength = data[offset + length - 1] & 0xff;
            if (paddingLength == 0 || headerEnd + paddingLength > length) {
                return RtpParseResult.BAD_PADDING_LENGTH;
            }
        }
        payloadArray = data;
        payloadOffset = offset + headerEnd;
        payloadLength = length - headerEnd - paddingLength;
        return RtpParseResult.VALID;
    }

    /**
     * Reads the packet between {@code buffer}'s position and limit, leaving both unchanged.
     *
     * @throws IllegalArgumentException if the buffer has no accessible array (a direct buffer): viewing
     *         its payload in place is only possible for heap buffers
     */
    public RtpParseResult parse(ByteBuffer buffer) {
        if (!buffer.hasArray()) {
            throw new IllegalArgumentException("RtpPacket views heap buffers only");
        }
        return parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
    }

    /**
     * Writes this packet's header followed by the payload into {@code out} from {@code outOffset}.
     *
     * @return the packet's length
     * @throws IndexOutOfBoundsException if {@code out} is too small
     */
    public int write(byte[] out, int outOffset, byte[] payload, int offset, int length) {
        int headerLength = FIXED_HEADER_LENGTH + 4 * csrcCount;
        if (outOffset + headerLength + length > out.length) {
            throw new IndexOutOfBoundsException("packet of " + (headerLength + length) + " bytes does not fit at "
                    + outOffset + " in " + out.length);
        }
        out[outOffset] = (byte) (VERSION << 6 | csrcCount);
        out[outOffset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        writeUnsigned16(out, outOffset + 2, sequenceNumber);
        writeUnsigned32(out, outOffset + 4, timestamp);
        writeUnsigned32(out, outOffset + 8, ssrc);
        for (int i = 0; i < csrcCount; i++) {
            writeUnsigned32(out, outOffset + FIXED_HEADER_LENGTH + 4 * i, csrcs[i]);
        }
        System.arraycopy(payload, offset, out, outOffset + headerLength, length);
        return headerLength + length;
    }

    public boolean marker() {
        return marker;
    }

    public RtpPacket marker(boolean value) {
        this.marker = value;
        return this;
    }

    public int payloadType() {
        return payloadType;
    }

    /** @throws IllegalArgumentException unless 0..127 */
    public RtpPacket payloadType(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("payload type " + value + " is not 0..127");
        }
        this.payloadType = value;
        return this;
    }

    /** 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** Keeps the low 16 bits, so callers may simply count up. */
    public RtpPacket sequenceNumber(int value) {
        this.sequenceNumber = value & 0xffff;
        return this;
    }

    /** 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    /** Keeps the low 32 bits, so callers may simply add. */
    public RtpPacket timestamp(long value) {
        this.timestamp = value & 0xffff_ffffL;
        return this;
    }

    /** 0..2^32-1. */
    public long ssrc() {
        return ssrc;
    }

    public RtpPacket ssrc(long value) {
        this.ssrc = value & 0xffff_ffffL;
        return this;
    }

    public int csrcCount() {
        return csrcCount;
    }

    public long csrc(int index) {
        if (index < 0 || index >= csrcCount) {
            throw new IndexOutOfBoundsException("CSRC " + index + " of " + csrcCount);
        }
        return csrcs[index];
    }

    /** @throws IllegalArgumentException for more than 15 identifiers */
    public RtpPacket csrcs(long... values) {
        if (values.length > MAX_CSRC_COUNT) {
            throw new IllegalArgumentException(values.length + " CSRCs, at most " + MAX_CSRC_COUNT);
        }
        for (int i = 0; i < values.length; i++) {
            csrcs[i] = values[i] & 0xffff_ffffL;
        }
        csrcCount = values.length;
        return this;
    }

    /** Whether the parsed packet had the padding bit. */
    public boolean padded() {
        return padded;
    }

    /** Whether the parsed packet had a header extension (which was skipped). */
    public boolean extended() {
        return extended;
    }

    /** The array holding the parsed payload: the one given to {@code parse}, not a copy. */
    public byte[] payloadArray() {
        return payloadArray;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    private static int readUnsigned16(byte[] data, int at) {
        return (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
    }

    private static long readUnsigned32(byte[] data, int at) {
        return (long) readUnsigned16(data, at) << 16 | readUnsigned16(data, at + 2);
    }

    private static void writeUnsigned16(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 8);
        out[at + 1] = (byte) value;
    }

    private static void writeUnsigned32(byte[] out, int at, long value) {
        writeUnsigned16(out, at, (int) (value >>> 16));
        writeUnsigned16(out, at + 2, (int) value);
    }
}

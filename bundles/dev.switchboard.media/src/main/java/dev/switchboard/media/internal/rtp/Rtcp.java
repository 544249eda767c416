package dev.switchboard.media.internal.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Writing and reading RTCP compound packets (RFC 3550 6.4-6.6, validity checks of A.2). Writing appends to
 * a caller-owned array; reading walks a compound packet and reports what it finds to a {@link Handler}.
 */
public final class Rtcp {
    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int REPORT_BLOCK_LENGTH = 24;
    public static final int MAX_REPORT_BLOCKS = 31;
    private static final int SDES_CNAME = 1;

    /** Why a compound packet was rejected. */
    public enum Defect {
        NONE,
        TOO_SHORT,
        WRONG_VERSION,
        /** A compound packet must start with SR or RR, without padding. */
        NOT_A_REPORT_FIRST,
        /** A packet's length field points past the end, or its report count does not fit its length. */
        LENGTH_MISMATCH,
        /** Padding on a packet other than the last. */
        PADDING_NOT_LAST
    }

    /** Receives the parts of a compound packet as {@link #read} finds them. */
    public interface Handler {
        void senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount);

        void reportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
                long extendedHighestSequence, long jitter, long lastSenderReport, long delaySinceLastSenderReport);

        void cname(long ssrc, String cname);

        void bye(long ssrc);
    }

    /** One report block to write. */
    public record ReportBlock(long sourceSsrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
            long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
    }

    private Rtcp() {
    }

    /** Writes an SR at {@code at}; returns the position after it. */
    public static int writeSenderReport(byte[] out, int at, long ssrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount, ReportBlock[] blocks, int blockCount) {
        int length = 28 + REPORT_BLOCK_LENGTH * blockCount;
        header(out, at, blockCount, SR, length);
        put32(out, at + 4, ssrc);
        put32(out, at + 8, ntpTimestamp >>> 32);
        put32(out, at + 12, ntpTimestamp);
        put32(out, at + 16, rtpTimestamp);
        put32(out, at + 20, packetCount);
        put32(out, at + 24, octetCount);
        writeBlocks(out, at + 28, blocks, blockCount);
        return at + length;
    }

    /** Writes an RR at {@code at}; returns the position after it. */
    public static int writeReceiverReport(byte[] out, int at, long ssrc, ReportBlock[] blocks, int blockCount) {
        int length = 8 + REPORT_BLOCK_LENGTH * blockCount;
        header(out, at, blockCount, RR, length);
        put32(out, at + 4, ssrc);
        writeBlocks(out, at + 8, blocks, blockCount);
        return at + length;
    }

    /** Writes an SDES with one chunk holding the CNAME; returns the position after it. */
    public static int writeCname(byte[] out, int at, long ssrc, byte[] cname) {
        // chunk = SSRC, CNAME item (type, length, text), then at least one null octet up to a 32-bit boundary
        int itemsLength = 2 + cname.length;
        int chunkLength = 4 + (itemsLength / 4 + 1) * 4;
        int length = 4 + chunkLength;
        header(out, at, 1, SDES, length);
        put32(out, at + 4, ssrc);
        out[at + 8] = SDES_CNAME;
        out[at + 9] = (byte) cname.length;
        System.arraycopy(cname, 0, out, at + 10, cname.length);
        for (int i = at + 10 + cname.length; i < at + length; i++) {
            out[i] = 0;
        }
        return at + length;
    }

    /** Writes a BYE for one source; returns the position after it. */
    public static int writeBye(byte[] out, int at, long ssrc) {
        header(out, at, 1, BYE, 8);
        put32(out, at + 4, ssrc);
        return at + 8;
    }

    /** Reads the compound packet in {@code data[offset, offset + length)}; the handler sees only valid ones. */
    public static Defect read(byte[] data, int offset, int length, Handler handler) {
        Defect defect = validate(data, offset, length);
        if (defect != Defect.NONE) {
            return defect;
        }
        int end = offset + length;
        for (int at = offset; at < end; at += packetLength(data, at)) {
            int count = data[at] & 0x1f;
            int type = data[at + 1] & 0xff;
            int packetEnd = at + packetLength(data, at);
            if ((data[at] & 0x20) != 0) {
                packetEnd -= data[end - 1] & 0xff;
            }
            switch (type) {
                case SR -> {
                    long ssrc = get32(data, at + 4);
                    handler.senderReport(ssrc, get32(data, at + 8) << 32 | get32(data, at + 12), get32(data, at + 16),
                            get32(data, at + 20), get32(data, at + 24));
                    readBlocks(data, at + 28, count, ssrc, handler);
                }
                case RR -> readBlocks(data, at + 8, count, get32(data, at + 4), handler);
                case SDES -> readCnames(data, at + 4, packetEnd, count, handler);
                case BYE -> {
                    for (int i = 0; i < count && at + 8 + 4 * i <= packetEnd; i++) {
                        handler.bye(get32(data, at + 4 + 4 * i));
                    }
                }
                default -> {
                    // APP, XR, feedback: valid to receive, nothing here needs them
                }
            }
        }
        return Defect.NONE;
    }

    private static Defect validate(byte[] data, int offset, int length) {
        if (length < 8) {
            return Defect.TOO_SHORT;
        }
        int firstType = data[offset + 1] & 0xff;
        if ((data[offset] & 0xe0) != 0x80 || (firstType != SR && firstType != RR)) {
            return (data[offset] & 0xc0) != 0x80 ? Defect.WRONG_VERSION : Defect.NOT_A_REPORT_FIRST;
        }
        int end = offset + length;
        int at = offset;
        while (at < end) {
            if (end - at < 4) {
                return Defect.LENGTH_MISMATCH;
            }
            if ((data[at] & 0xc0) != 0x80) {
                return Defect.WRONG_VERSION;
            }
            int packetLength = packetLength(data, at);
            if (at + packetLength > end) {
                return Defect.LENGTH_MISMATCH;
            }
            boolean padded = (data[at] & 0x20) != 0;
            if (padded && at + packetLength != end) {
                return Defect.PADDING_NOT_LAST;
            }
            int type = data[at + 1] & 0xff;
            int count = data[at] & 0x1f;
            int fixed = type == SR ? 28 : type == RR ? 8 : 0;
            if (fixed > 0 && fixed + REPORT_BLOCK_LENGTH * count > packetLength) {
                return Defect.LENGTH_MISMATCH;
            }
            if (padded && ((data[end - 1] & 0xff) == 0 || (data[end - 1] & 0xff) > packetLength - 4)) {
                return Defect.LENGTH_MISMATCH;
            }
            at += packetLength;
        }
        return Defect.NONE;
    }

    /** The packet's length in bytes from its header's length field (32-bit words minus one). */
    private static int packetLength(byte[] data, int at) {
        return (((data[at + 2] & 0xff) << 8 | data[at + 3] & 0xff) + 1) * 4;
    }

    private static void readBlocks(byte[] data, int at, int count, long reporter, Handler handler) {
        for (int i = 0; i < count; i++, at += REPORT_BLOCK_LENGTH) {
            int lost = (data[at + 5] & 0xff) << 16 | (data[at + 6] & 0xff) << 8 | data[at + 7] & 0xff;
            handler.reportBlock(reporter, get32(data, at), data[at + 4] & 0xff, lost << 8 >> 8, get32(data, at + 8),
                    get32(data, at + 12), get32(data, at + 16), get32(data, at + 20));
        }
    }

    private static void readCnames(byte[] data, int at, int end, int chunks, Handler handler) {
        for (int chunk = 0; chunk < chunks && at + 4 <= end; chunk++) {
            long ssrc = get32(data, at);
            int item = at + 4;
            while (item < end && data[item] != 0) {
                if (item + 2 > end || item + 2 + (data[item + 1] & 0xff) > end) {
                    return;
                }
                int itemLength = data[item + 1] & 0xff;
                if (data[item] == SDES_CNAME) {
                    handler.cname(ssrc, new String(data, item + 2, itemLength, StandardCharsets.UTF_8));
                }
                item += 2 + itemLength;
            }
            // the item list ends with a null octet, then padding to the next 32-bit boundary
            at = (item - at) / 4 * 4 + at + 4;
        }
    }

    private static void writeBlocks(byte[] out, int at, ReportBlock[] blocks, int count) {
        for (int i = 0; i < count; i++, at += REPORT_BLOCK_LENGTH) {
            ReportBlock block = blocks[i];
            put32(out, at, block.sourceSsrc());
            put32(out, at + 4, (long) block.fractionLost() << 24 | block.cumulativeLost() & 0xff_ffffL);
            put32(out, at + 8, block.extendedHighestSequence());
            put32(out, at + 12, block.jitter());
            put32(out, at + 16, block.lastSenderReport());
            put32(out, at + 20, block.delaySinceLastSenderReport());
        }
    }

    private static void header(byte[] out, int at, int count, int type, int lengthBytes) {
        out[at] = (byte) (0x80 | count);
        out[at + 1] = (byte) type;
        int words = lengthBytes / 4 - 1;
        out[at + 2] = (byte) (words >>> 8);
        out[at + 3] = (byte) words;
    }

    private static void put32(byte[] out, int at, long value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static long get32(byte[] data, int at) {
        return (long) (data[at] & 0xff) << 24 | (data[at + 1] & 0xff) << 16 | (data[at + 2] & 0xff) << 8
                | data[at + 3] & 0xff;
    }
}

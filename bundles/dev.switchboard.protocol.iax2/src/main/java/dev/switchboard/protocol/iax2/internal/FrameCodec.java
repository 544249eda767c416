package dev.switchboard.protocol.iax2.internal;

import java.util.ArrayList;
import java.util.List;

/** Decodes and encodes IAX2 datagrams (RFC 5456 section 8.1). */
final class FrameCodec {

    private static final int META_TRUNK = 0x01;
    private static final int TRUNK_HEADER_LENGTH = 8;

    private FrameCodec() {
    }

    /** @throws MalformedFrameException if the datagram is not a well-formed frame */
    static IaxFrame decode(byte[] data, int offset, int length) {
        if (length < MiniFrame.HEADER_LENGTH) {
            throw new MalformedFrameException("datagram of " + length + " bytes is shorter than any IAX2 frame");
        }
        int first = u16(data, offset);
        if ((first & 0x8000) != 0) {
            return decodeFull(data, offset, length, first & 0x7fff);
        }
        if (first != 0) {
            return new MiniFrame(first, u16(data, offset + 2), copy(data, offset + 4, length - 4));
        }
        return decodeMeta(data, offset, length);
    }

    private static FullFrame decodeFull(byte[] data, int offset, int length, int sourceCall) {
        if (length < FullFrame.HEADER_LENGTH) {
            throw new MalformedFrameException("full frame of " + length + " bytes is shorter than its header");
        }
        int second = u16(data, offset + 2);
        long timestamp = u32(data, offset + 4);
        return new FullFrame(sourceCall, second & 0x7fff, (second & 0x8000) != 0, timestamp,
                data[offset + 8] & 0xff, data[offset + 9] & 0xff, data[offset + 10] & 0xff,
                data[offset + 11] & 0xff, copy(data, offset + 12, length - 12));
    }

    private static TrunkFrame decodeMeta(byte[] data, int offset, int length) {
        int command = data[offset + 2] & 0xff;
        if ((command & 0x80) != 0) {
            throw new MalformedFrameException("meta video frames are not supported");
        }
        if (command != META_TRUNK) {
            throw new MalformedFrameException("unknown meta command " + command);
        }
        if (length < TRUNK_HEADER_LENGTH) {
            throw new MalformedFrameException("trunk frame of " + length + " bytes is shorter than its header");
        }
        boolean perCallTimestamps = (data[offset + 3] & 0x01) != 0;
        long timestamp = u32(data, offset + 4);
        List<TrunkFrame.Entry> entries = new ArrayList<>();
        int position = offset + TRUNK_HEADER_LENGTH;
        int end = offset + length;
        int entryHeader = perCallTimestamps ? 6 : 4;
        while (position < end) {
            if (position + entryHeader > end) {
                throw new MalformedFrameException("trunk entry header cut off");
            }
            int call;
            int size;
            int entryTimestamp;
            if (perCallTimestamps) {
                size = u16(data, position);
                call = u16(data, position + 2) & 0x7fff;
                entryTimestamp = u16(data, position + 4);
            } else {
                call = u16(data, position) & 0x7fff;
                size = u16(data, position + 2);
                entryTimestamp = -1;
            }
            position += entryHeader;
            if (position + size > end) {
                throw new MalformedFrameException("trunk entry of call " + call + " runs past the frame end");
            }
            entries.add(new TrunkFrame.Entry(call, entryTimestamp, copy(data, position, size)));
            position += size;
        }
        return new TrunkFrame(timestamp, perCallTimestamps, entries);
    }

    static byte[] encode(IaxFrame frame) {
        return switch (frame) {
            case FullFrame full -> encodeFull(full);
            case MiniFrame mini -> encodeMini(mini);
            case TrunkFrame trunk -> encodeTrunk(trunk);
        };
    }

    static byte[] encodeFull(FullFrame frame) {
        byte[] out = new byte[FullFrame.HEADER_LENGTH + frame.payload().length];
        putU16(out, 0, 0x8000 | frame.sourceCall());
        putU16(out, 2, (frame.retransmission() ? 0x8000 : 0) | frame.destinationCall());
        putU32(out, 4, frame.timestamp());
        out[8] = (byte) frame.outboundSequence();
        out[9] = (byte) frame.inboundSequence();
        out[10] = (byte) frame.frameType();
        out[11] = (byte) frame.rawSubclass();
        System.arraycopy(frame.payload(), 0, out, FullFrame.HEADER_LENGTH, frame.payload().length);
        return out;
    }

    static byte[] encodeMini(MiniFrame frame) {
        byte[] out = new byte[MiniFrame.HEADER_LENGTH + frame.payload().length];
        putU16(out, 0, frame.sourceCall() & 0x7fff);
        putU16(out, 2, frame.timestamp16());
        System.arraycopy(frame.payload(), 0, out, MiniFrame.HEADER_LENGTH, frame.payload().length);
        return out;
    }

    private static byte[] encodeTrunk(TrunkFrame frame) {
        int size = TRUNK_HEADER_LENGTH;
        for (TrunkFrame.Entry entry : frame.entries()) {
            size += (frame.perCallTimestamps() ? 6 : 4) + entry.payload().length;
        }
        byte[] out = new byte[size];
        out[2] = META_TRUNK;
        out[3] = (byte) (frame.perCallTimestamps() ? 1 : 0);
        putU32(out, 4, frame.timestamp());
        int position = TRUNK_HEADER_LENGTH;
        for (TrunkFrame.Entry entry : frame.entries()) {
            if (frame.perCallTimestamps()) {
                putU16(out, position, entry.payload().length);
                putU16(out, position + 2, entry.sourceCall());
                putU16(out, position + 4, entry.timestamp16());
                position += 6;
            } else {
                putU16(out, position, entry.sourceCall());
                putU16(out, position + 2, entry.payload().length);
                position += 4;
            }
            System.arraycopy(entry.payload(), 0, out, position, entry.payload().length);
            position += entry.payload().length;
        }
        return out;
    }

    private static byte[] copy(byte[] data, int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xff) << 8 | data[offset + 1] & 0xff;
    }

    private static long u32(byte[] data, int offset) {
        return (long) u16(data, offset) << 16 | u16(data, offset + 2);
    }

    private static void putU16(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >> 8);
        out[offset + 1] = (byte) value;
    }

    private static void putU32(byte[] out, int offset, long value) {
        putU16(out, offset, (int) (value >>> 16) & 0xffff);
        putU16(out, offset + 2, (int) value & 0xffff);
    }
}

package dev.switchboard.protocol.h323.internal.per;

/**
 * Bit reader for the ALIGNED variant of X.691 PER, mirroring {@link PerOutput}. Every read checks the
 * remaining input, so truncated or hostile data ends in a {@link PerException}, never an index error.
 */
public final class PerInput {
    private final byte[] data;
    private final int limitBits;
    private long bitPosition;

    public PerInput(byte[] data) {
        this(data, 0, data.length);
    }

    public PerInput(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new PerException("bad buffer slice");
        }
        this.data = data;
        this.bitPosition = (long) offset * 8;
        this.limitBits = (offset + length) * 8;
    }

    public long remainingBits() {
        return limitBits - bitPosition;
    }

    private void require(long bits) {
        if (bits > remainingBits()) {
            throw new PerException("truncated: need " + bits + " bits at bit " + bitPosition + ", have " + remainingBits());
        }
    }

    public boolean readBit() {
        require(1);
        int b = data[(int) (bitPosition >>> 3)] >>> (7 - (bitPosition & 7));
        bitPosition++;
        return (b & 1) != 0;
    }

    public long readBits(int count) {
        require(count);
        long value = 0;
        for (int i = 0; i < count; i++) {
            value = (value << 1) | (readBit() ? 1 : 0);
        }
        return value;
    }

    public void align() {
        long pad = (8 - (bitPosition & 7)) & 7;
        require(pad);
        bitPosition += pad;
    }

    public byte[] readOctets(int count) {
        require((long) count * 8);
        byte[] out = new byte[count];
        if ((bitPosition & 7) == 0) {
            System.arraycopy(data, (int) (bitPosition >>> 3), out, 0, count);
            bitPosition += (long) count * 8;
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = (byte) readBits(8);
            }
        }
        return out;
    }

    public long readConstrainedWholeNumber(long lb, long ub) {
        long range = ub - lb + 1;
        long offset;
        if (range == 1) {
            return lb;
        } else if (range <= 255) {
            offset = readBits(PerOutput.bitsFor(range - 1));
        } else if (range == 256) {
            align();
            offset = readBits(8);
        } else if (range <= 65536) {
            align();
            offset = readBits(16);
        } else {
            int octets = (int) readConstrainedWholeNumber(1, PerOutput.octetsFor(range - 1));
            align();
            offset = readBits(octets * 8);
        }
        if (offset > ub - lb) {
            throw new PerException("constrained number " + (lb + offset) + " above " + ub);
        }
        return lb + offset;
    }

    public long readSemiConstrainedWholeNumber(long lb) {
        int octets = readUnconstrainedLength();
        if (octets < 1 || octets > 8) {
            throw new PerException("semi-constrained number of " + octets + " octets not supported");
        }
        long offset = readBits(octets * 8);
        if (octets == 8 && offset < 0) {
            throw new PerException("semi-constrained number too large");
        }
        return lb + offset;
    }

    public long readUnconstrainedWholeNumber() {
        int octets = readUnconstrainedLength();
        if (octets < 1 || octets > 8) {
            throw new PerException("unconstrained number of " + octets + " octets not supported");
        }
        long raw = readBits(octets * 8);
        int shift = 64 - octets * 8;
        return (raw << shift) >> shift; // sign-extend the two's complement value
    }

    public long readNormallySmallNumber() {
        return readBit() ? readSemiConstrainedWholeNumber(0) : readBits(6);
    }

    public int readNormallySmallLength() {
        return readBit() ? readUnconstrainedLength() : (int) readBits(6) + 1;
    }

    public int readUnconstrainedLength() {
        align();
        int first = (int) readBits(8);
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0x40) == 0) {
            return ((first & 0x3F) << 8) | (int) readBits(8);
        }
        throw new PerException("fragmented length not supported");
    }

    public int readLength(long lb, long ub) {
        long length = ub < 65536 ? readConstrainedWholeNumber(lb, ub) : readUnconstrainedLength();
        if (length < lb || length > ub) {
            throw new PerException("length " + length + " outside " + lb + ".." + ub);
        }
        return (int) length;
    }

    public byte[] readOpenType() {
        return readOctets(readUnconstrainedLength());
    }
}

package dev.switchboard.protocol.h323.internal.per;

import java.io.ByteArrayOutputStream;

/**
 * Bit writer for the ALIGNED variant of X.691 PER, with the basic encodings of clause 11
 * (whole numbers, length determinants) on which the type encoders are built.
 */
public final class PerOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int currentByte;
    private int bitsInCurrentByte;

    public void writeBit(boolean bit) {
        currentByte = (currentByte << 1) | (bit ? 1 : 0);
        bitsInCurrentByte++;
        if (bitsInCurrentByte == 8) {
            bytes.write(currentByte);
            currentByte = 0;
            bitsInCurrentByte = 0;
        }
    }

    /** Writes the low {@code count} bits of {@code value}, most significant first. */
    public void writeBits(long value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            writeBit(((value >>> i) & 1) != 0);
        }
    }

    /** Pads with zero bits up to the next octet boundary (X.691 "octet-aligned"). */
    public void align() {
        while (bitsInCurrentByte != 0) {
            writeBit(false);
        }
    }

    public void writeOctets(byte[] data) {
        if (bitsInCurrentByte == 0) {
            bytes.writeBytes(data);
        } else {
            for (byte b : data) {
                writeBits(b & 0xFF, 8);
            }
        }
    }

    /** X.691 11.5: constrained whole number, lb..ub (ALIGNED variant). */
    public void writeConstrainedWholeNumber(long value, long lb, long ub) {
        if (value < lb || value > ub) {
            throw new PerException("value " + value + " outside " + lb + ".." + ub);
        }
        long range = ub - lb + 1; // ub - lb < 2^63 for every H.225/H.245 constraint
        long offset = value - lb;
        if (range == 1) {
            return;
        }
        if (range <= 255) {
            writeBits(offset, bitsFor(range - 1));
        } else if (range == 256) {
            align();
            writeBits(offset, 8);
        } else if (range <= 65536) {
            align();
            writeBits(offset, 16);
        } else {
            // 11.5.7.4 indefinite-length case: octet count (1..max) as a constrained number, then the octets
            int maxOctets = octetsFor(range - 1);
            int octets = octetsFor(offset);
            writeConstrainedWholeNumber(octets, 1, maxOctets);
            align();
            writeBits(offset, octets * 8);
        }
    }

    /** X.691 11.7: semi-constrained whole number (lower bound only). */
    public void writeSemiConstrainedWholeNumber(long value, long lb) {
        if (value < lb) {
            throw new PerException("value " + value + " below lower bound " + lb);
        }
        long offset = value - lb;
        int octets = octetsFor(offset);
        writeUnconstrainedLength(octets);
        writeBits(offset, octets * 8);
    }

    /** X.691 11.8: unconstrained whole number, two's complement in the fewest octets. */
    public void writeUnconstrainedWholeNumber(long value) {
        int octets = 1;
        while (octets < 8 && (value < -(1L << (octets * 8 - 1)) || value >= (1L << (octets * 8 - 1)))) {
            octets++;
        }
        writeUnconstrainedLength(octets);
        writeBits(value, octets * 8);
    }

    /** X.691 11.6: normally small non-negative whole number. */
    public void writeNormallySmallNumber(long value) {
        if (value < 64) {
            writeBit(false);
            writeBits(value, 6);
        } else {
            writeBit(true);
            writeSemiConstrainedWholeNumber(value, 0);
        }
    }

    /** X.691 11.9.3.4: length of a bit-map of extension additions, n ≥ 1, as "normally small length". */
    public void writeNormallySmallLength(int n) {
        if (n <= 64) {
            writeBit(false);
            writeBits(n - 1, 6);
        } else {
            writeBit(true);
            writeUnconstrainedLength(n);
        }
    }

    /** X.691 11.9.3.5-8: unconstrained length determinant (octet-aligned); no fragmentation (≥ 16K). */
    public void writeUnconstrainedLength(int length) {
        align();
        if (length < 128) {
            writeBits(length, 8);
        } else if (length < 16384) {
            writeBits(0x8000 | length, 16);
        } else {
            throw new PerException("fragmented length " + length + " not supported");
        }
    }

    /** Length determinant with size constraint lb..ub (ub may be Long.MAX_VALUE for "no upper bound"). */
    public void writeLength(int length, long lb, long ub) {
        if (length < lb || length > ub) {
            throw new PerException("length " + length + " outside " + lb + ".." + ub);
        }
        if (ub < 65536) {
            writeConstrainedWholeNumber(length, lb, ub);
        } else {
            writeUnconstrainedLength(length);
        }
    }

    /** Open type (X.691 11.2): the complete encoding of the inner value, as an unconstrained-length octet string. */
    public void writeOpenType(byte[] completeEncoding) {
        writeUnconstrainedLength(completeEncoding.length);
        writeOctets(completeEncoding);
    }

    /** The complete encoding (X.691 11.1): padded to whole octets, and at least one octet. */
    public byte[] toByteArray() {
        align();
        byte[] out = bytes.toByteArray();
        return out.length == 0 ? new byte[1] : out;
    }

    static int bitsFor(long maxValue) {
        return maxValue == 0 ? 0 : 64 - Long.numberOfLeadingZeros(maxValue);
    }

    static int octetsFor(long nonNegative) {
        return Math.max(1, (bitsFor(nonNegative) + 7) / 8);
    }
}

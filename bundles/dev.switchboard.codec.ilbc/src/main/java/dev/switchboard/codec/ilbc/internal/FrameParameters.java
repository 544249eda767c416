package dev.switchboard.codec.ilbc.internal;

import java.util.Arrays;

/**
 * Everything one iLBC frame carries (RFC 3951 section 3.8), and its bit packing. The same field walk
 * serves packing and unpacking so the two cannot disagree on the order.
 */
final class FrameParameters {

    final int[] lsfIndex = new int[6];
    /** 1-based sub-block where the 80-sample start state begins (it covers this one and the next). */
    final int[] start = new int[1];
    /** 1 when the scalar-coded part is the first {@code stateShortLength} samples of the 80, 0 when the last. */
    final int[] stateFirst = new int[1];
    final int[] scaleIndex = new int[1];
    final int[] stateIndex = new int[58];
    /** Codebook indices and gains for the 22/23 start-state samples not scalar coded. */
    final int[] startCodebookIndex = new int[Dsp.STAGES];
    final int[] startGainIndex = new int[Dsp.STAGES];
    /** Codebook indices and gains, three stages per coded sub-block, in coding order. */
    final int[] codebookIndex = new int[Dsp.STAGES * 4];
    final int[] gainIndex = new int[Dsp.STAGES * 4];

    /** Visits one parameter's bits of the current class: {@code bits} of them, above {@code laterBits} sent later. */
    private interface FieldVisitor {
        void field(int[] values, int index, int bits, int laterBits);
    }

    private final FieldVisitor packer = this::packField;
    private final FieldVisitor unpacker = this::unpackField;
    private byte[] buffer;
    private int bitPosition;

    private void walk(IlbcMode mode, FieldVisitor visitor) {
        for (int ulpClass = 0; ulpClass < 3; ulpClass++) {
            for (int k = 0; k < 3 * mode.lsfVectors; k++) {
                visit(visitor, lsfIndex, k, mode.lsfBits[k], ulpClass);
            }
            visit(visitor, start, 0, mode.startBits, ulpClass);
            visit(visitor, stateFirst, 0, IlbcMode.START_FIRST_BITS, ulpClass);
            visit(visitor, scaleIndex, 0, IlbcMode.SCALE_BITS, ulpClass);
            for (int k = 0; k < mode.stateShortLength; k++) {
                visit(visitor, stateIndex, k, IlbcMode.STATE_BITS, ulpClass);
            }
            for (int k = 0; k < Dsp.STAGES; k++) {
                visit(visitor, startCodebookIndex, k, mode.startCodebookBits[k], ulpClass);
            }
            for (int k = 0; k < Dsp.STAGES; k++) {
                visit(visitor, startGainIndex, k, mode.startGainBits[k], ulpClass);
            }
            for (int i = 0; i < mode.codedSubBlocks; i++) {
                for (int k = 0; k < Dsp.STAGES; k++) {
                    visit(visitor, codebookIndex, i * Dsp.STAGES + k, mode.codebookBits[i][k], ulpClass);
                }
            }
            for (int i = 0; i < mode.codedSubBlocks; i++) {
                for (int k = 0; k < Dsp.STAGES; k++) {
                    visit(visitor, gainIndex, i * Dsp.STAGES + k, mode.gainBits[i][k], ulpClass);
                }
            }
        }
    }

    private static void visit(FieldVisitor visitor, int[] values, int index, int[] classBits, int ulpClass) {
        int bits = classBits[ulpClass];
        if (bits == 0) {
            return;
        }
        int later = 0;
        for (int c = ulpClass + 1; c < classBits.length; c++) {
            later += classBits[c];
        }
        visitor.field(values, index, bits, later);
    }

    private void packField(int[] values, int index, int bits, int laterBits) {
        writeBits((values[index] >> laterBits) & ((1 << bits) - 1), bits);
    }

    private void unpackField(int[] values, int index, int bits, int laterBits) {
        values[index] = (values[index] << bits) | readBits(bits);
    }

    /** Writes the frame, ending with the "frame is good" bit 0 and zero padding. */
    void pack(IlbcMode mode, byte[] out, int offset) {
        Arrays.fill(out, offset, offset + mode.bytes, (byte) 0);
        buffer = out;
        bitPosition = offset * 8;
        walk(mode, packer);
        writeBits(0, 1);
        buffer = null;
    }

    /**
     * Reads a frame. Sub-block codebook indices stay in their transmitted (compressed) form.
     *
     * @return whether the frame is usable: the RFC's empty-frame bit is 0, the start position is in range
     *         and every codebook index addresses a vector
     */
    boolean unpack(IlbcMode mode, byte[] in, int offset) {
        Arrays.fill(lsfIndex, 0);
        start[0] = 0;
        stateFirst[0] = 0;
        scaleIndex[0] = 0;
        Arrays.fill(stateIndex, 0);
        Arrays.fill(startCodebookIndex, 0);
        Arrays.fill(startGainIndex, 0);
        Arrays.fill(codebookIndex, 0);
        Arrays.fill(gainIndex, 0);
        buffer = in;
        bitPosition = offset * 8;
        walk(mode, unpacker);
        int emptyFrameBit = readBits(1);
        buffer = null;
        if (emptyFrameBit != 0 || start[0] < 1 || start[0] > mode.maximumStart()) {
            return false;
        }
        int startVectors = 2 * Dsp.codebookBaseSize(Tables.START_STATE_MEMORY, Dsp.STATE_LENGTH - mode.stateShortLength);
        for (int k = 0; k < Dsp.STAGES; k++) {
            if (startCodebookIndex[k] >= startVectors) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first coded sub-block searches only 44 vectors per section in stages 2 and 3, so those indices
     * are sent in 7 bits with the gaps squeezed out (RFC 3951 section 3.6.4.2).
     */
    void expandFirstSubBlockIndices() {
        for (int k = 1; k < Dsp.STAGES; k++) {
            int index = codebookIndex[k];
            if (index >= 44 && index < 108) {
                codebookIndex[k] = index + 64;
            } else if (index >= 108 && index < 128) {
                codebookIndex[k] = index + 128;
            }
        }
    }

    void compressFirstSubBlockIndices() {
        for (int k = 1; k < Dsp.STAGES; k++) {
            int index = codebookIndex[k];
            if (index >= 108 && index < 172) {
                codebookIndex[k] = index - 64;
            } else if (index >= 236) {
                codebookIndex[k] = index - 128;
            }
        }
    }

    private void writeBits(int value, int bits) {
        for (int b = bits - 1; b >= 0; b--) {
            int position = bitPosition++;
            if (((value >> b) & 1) != 0) {
                buffer[position >> 3] |= (byte) (0x80 >> (position & 7));
            }
        }
    }

    private int readBits(int bits) {
        int value = 0;
        for (int b = 0; b < bits; b++) {
            int position = bitPosition++;
            value = (value << 1) | ((buffer[position >> 3] >> (7 - (position & 7))) & 1);
        }
        return value;
    }
}

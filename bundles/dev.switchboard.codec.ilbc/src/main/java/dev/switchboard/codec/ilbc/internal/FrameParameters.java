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

    private interface FieldVisitor {
        void field(int[] values, int index, int[] classBits);
    }

    private void walk(IlbcMode mode, FieldVisitor visitor) {
        for (int ulpClass = 0; ulpClass < 3; ulpClass++) {
            int c = ulpClass;
            FieldVisitor inClass = (values, index, bits) -> visitor.field(values, index, classSlice(bits, c));
            for (int k = 0; k < 3 * mode.lsfVectors; k++) {
                inClass.field(lsfIndex, k, mode.lsfBits[k]);
            }
            inClass.field(start, 0, mode.startBits);
            inClass.field(stateFirst, 0, IlbcMode.START_FIRST_BITS);
            inClass.field(scaleIndex, 0, IlbcMode.SCALE_BITS);
            for (int k = 0; k < mode.stateShortLength; k++) {
                inClass.field(stateIndex, k, IlbcMode.STATE_BITS);
            }
            for (int k = 0; k < Dsp.STAGES; k++) {
                inClass.field(startCodebookIndex, k, mode.startCodebookBits[k]);
            }
            for (int k = 0; k < Dsp.STAGES; k++) {
                inClass.field(startGainIndex, k, mode.startGainBits[k]);
            }
            for (int i = 0; i < mode.codedSubBlocks; i++) {
                for (int k = 0; k < Dsp.STAGES; k++) {
                    inClass.field(codebookIndex, i * Dsp.STAGES + k, mode.codebookBits[i][k]);
                }
            }
            for (int i = 0; i < mode.codedSubBlocks; i++) {
                for (int k = 0; k < Dsp.STAGES; k++) {
                    inClass.field(gainIndex, i * Dsp.STAGES + k, mode.gainBits[i][k]);
                }
            }
        }
    }

    /** {bits in this class, bits in the later classes} of a parameter. */
    private static int[] classSlice(int[] classBits, int ulpClass) {
        int later = 0;
        for (int c = ulpClass + 1; c < classBits.length; c++) {
            later += classBits[c];
        }
        return new int[] {classBits[ulpClass], later};
    }

    /** Writes the frame, ending with the "frame is good" bit 0 and zero padding. */
    void pack(IlbcMode mode, byte[] out, int offset) {
        Arrays.fill(out, offset, offset + mode.bytes, (byte) 0);
        int[] bitPosition = {offset * 8};
        walk(mode, (values, index, slice) -> {
            int bits = slice[0];
            if (bits > 0) {
                int part = (values[index] >> slice[1]) & ((1 << bits) - 1);
                writeBits(out, bitPosition, part, bits);
            }
        });
        writeBits(out, bitPosition, 0, 1);
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
        int[] bitPosition = {offset * 8};
        walk(mode, (values, index, slice) -> {
            int bits = slice[0];
            if (bits > 0) {
                values[index] = (values[index] << bits) | readBits(in, bitPosition, bits);
            }
        });
        int emptyFrameBit = readBits(in, bitPosition, 1);
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

    private static void writeBits(byte[] out, int[] bitPosition, int value, int bits) {
        for (int b = bits - 1; b >= 0; b--) {
            int position = bitPosition[0]++;
            if (((value >> b) & 1) != 0) {
                out[position >> 3] |= (byte) (0x80 >> (position & 7));
            }
        }
    }

    private static int readBits(byte[] in, int[] bitPosition, int bits) {
        int value = 0;
        for (int b = 0; b < bits; b++) {
            int position = bitPosition[0]++;
            value = (value << 1) | ((in[position >> 3] >> (7 - (position & 7))) & 1);
        }
        return value;
    }
}

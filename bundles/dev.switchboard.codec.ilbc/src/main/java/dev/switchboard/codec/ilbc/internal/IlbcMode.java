package dev.switchboard.codec.ilbc.internal;

import java.util.Optional;

/**
 * The two iLBC frame sizes (RFC 3951 section 1): 20 ms frames of 38 bytes (15.2 kbit/s) and 30 ms frames
 * of 50 bytes (13.33 kbit/s), with the bit allocation of each (RFC 3951 section 3.8, table 3.2). Every
 * parameter's bits are split over three classes by significance and sent class by class, most
 * significant bits first.
 */
enum IlbcMode {

    MODE_20(20, 160, 4, 2, 1, 38, 57,
            new int[][] {{6, 0, 0}, {7, 0, 0}, {7, 0, 0}},
            new int[] {2, 0, 0},
            new int[][] {{6, 0, 1}, {0, 0, 7}, {0, 0, 7}},
            new int[][] {{2, 0, 3}, {1, 1, 2}, {0, 0, 3}},
            new int[][][] {{{7, 0, 1}, {0, 0, 7}, {0, 0, 7}}, {{0, 0, 8}, {0, 0, 8}, {0, 0, 8}}},
            new int[][][] {{{1, 2, 2}, {1, 1, 2}, {0, 0, 3}}, {{1, 1, 3}, {0, 2, 2}, {0, 0, 3}}}),

    MODE_30(30, 240, 6, 4, 2, 50, 58,
            new int[][] {{6, 0, 0}, {7, 0, 0}, {7, 0, 0}, {6, 0, 0}, {7, 0, 0}, {7, 0, 0}},
            new int[] {3, 0, 0},
            new int[][] {{4, 2, 1}, {0, 0, 7}, {0, 0, 7}},
            new int[][] {{1, 1, 3}, {1, 1, 2}, {0, 0, 3}},
            new int[][][] {{{6, 1, 1}, {0, 0, 7}, {0, 0, 7}}, {{0, 7, 1}, {0, 0, 8}, {0, 0, 8}},
                {{0, 7, 1}, {0, 0, 8}, {0, 0, 8}}, {{0, 7, 1}, {0, 0, 8}, {0, 0, 8}}},
            new int[][][] {{{1, 2, 2}, {1, 2, 1}, {0, 0, 3}}, {{0, 2, 3}, {0, 2, 2}, {0, 0, 3}},
                {{0, 1, 4}, {0, 1, 3}, {0, 0, 3}}, {{0, 1, 4}, {0, 1, 3}, {0, 0, 3}}});

    static final int[] START_FIRST_BITS = {1, 0, 0};
    static final int[] SCALE_BITS = {6, 0, 0};
    static final int[] STATE_BITS = {0, 1, 2};

    final int millis;
    final int blockLength;
    final int subBlocks;
    /** Sub-blocks coded with the adaptive codebook (all but the two holding the start state). */
    final int codedSubBlocks;
    final int lsfVectors;
    final int bytes;
    /** Samples of the start state coded by scalar quantisation (the rest of its 80 by the codebook). */
    final int stateShortLength;
    final int[] startBits;
    final int[][] lsfBits;
    final int[][] startCodebookBits;
    final int[][] startGainBits;
    final int[][][] codebookBits;
    final int[][][] gainBits;

    IlbcMode(int millis, int blockLength, int subBlocks, int codedSubBlocks, int lsfVectors, int bytes,
            int stateShortLength, int[][] lsfBits, int[] startBits, int[][] startCodebookBits,
            int[][] startGainBits, int[][][] codebookBits, int[][][] gainBits) {
        this.millis = millis;
        this.blockLength = blockLength;
        this.subBlocks = subBlocks;
        this.codedSubBlocks = codedSubBlocks;
        this.lsfVectors = lsfVectors;
        this.bytes = bytes;
        this.stateShortLength = stateShortLength;
        this.lsfBits = lsfBits;
        this.startBits = startBits;
        this.startCodebookBits = startCodebookBits;
        this.startGainBits = startGainBits;
        this.codebookBits = codebookBits;
        this.gainBits = gainBits;
    }

    /** Highest valid start sub-block number (the start state spans sub-blocks start and start+1, 1-based). */
    int maximumStart() {
        return subBlocks - 1;
    }

    static Optional<IlbcMode> forFrameBytes(int length) {
        for (IlbcMode mode : values()) {
            if (mode.bytes == length) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    static Optional<IlbcMode> forMillis(int millis) {
        for (IlbcMode mode : values()) {
            if (mode.millis == millis) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}

package dev.switchboard.codec.g722.internal;

/** The inverse quantiser and log scale factor tables that encoder and decoder share (ITU-T G.722). */
final class Tables {

    /** Low-band output levels of the four-bit code (the six-bit code without its two low bits) that drives adaptation. */
    static final int[] LOW_INVERSE_QUANTISER_4BIT = {
        0, -20456, -12896, -8968, -6288, -4240, -2584, -1200, 20456, 12896, 8968, 6288, 4240, 2584, 1200, 0 };

    /** Low-band output levels of the full six-bit code, used only for the decoder's output. */
    static final int[] LOW_INVERSE_QUANTISER_6BIT = {
        -136, -136, -136, -136, -24808, -21904, -19008, -16704,
        -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
        -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
        -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
        24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
        10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
        4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
        1688, 1360, 1040, 728, 432, 136, -432, -136 };

    static final int[] HIGH_INVERSE_QUANTISER = { -7408, -1616, 7408, 1616 };

    /** Log scale factor multipliers by quantiser magnitude, smallest first. */
    private static final int[] LOW_LOG_SCALE_WEIGHTS = { -60, -30, 58, 172, 334, 538, 1198, 3042 };
    /** Magnitude (0 smallest, 7 largest) of each four-bit low-band code. */
    private static final int[] LOW_CODE_MAGNITUDE = { 0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0 };

    private static final int HIGH_INNER_WEIGHT = -214;
    private static final int HIGH_OUTER_WEIGHT = 798;

    private Tables() {
    }

    static int lowLogScaleWeight(int fourBitCode) {
        return LOW_LOG_SCALE_WEIGHTS[LOW_CODE_MAGNITUDE[fourBitCode]];
    }

    /** Codes 0 and 2 are the outer high-band intervals, 1 and 3 the inner ones. */
    static int highLogScaleWeight(int code) {
        return (code & 1) == 0 ? HIGH_OUTER_WEIGHT : HIGH_INNER_WEIGHT;
    }
}

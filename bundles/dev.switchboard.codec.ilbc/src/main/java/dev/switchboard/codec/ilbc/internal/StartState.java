package dev.switchboard.codec.ilbc.internal;

/**
 * The start state (RFC 3951 sections 3.5 and 4.2): 57 or 58 residual samples around the frame's
 * energy peak, scalar quantised after an all-pass "circular convolution" that spreads their energy, so
 * the rest of the frame can be predicted from them forwards and backwards.
 */
final class StartState {

    private StartState() {
    }

    /**
     * Decodes the scalar-quantised start state into {@code out[outOffset..outOffset+length)}. {@code in}
     * and {@code filtered} are scratch of at least {@code ORDER + 2 * 80} samples, {@code numerator} of
     * {@code ORDER + 1}.
     */
    static void construct(int scaleIndex, int[] stateIndex, float[] a, int aOffset, int length, float[] out,
            int outOffset, float[] in, float[] filtered, float[] numerator) {
        float maximum = (float) Math.pow(10, Tables.STATE_FRGQ[scaleIndex]) / 4.5f;
        int base = Dsp.ORDER;
        for (int k = 0; k < length; k++) {
            in[base + k] = maximum * Tables.STATE_SQ3[stateIndex[length - 1 - k]];
        }
        java.util.Arrays.fill(in, base + length, base + 2 * length, 0f);
        Dsp.allPassFromZeroState(in, a, aOffset, length, filtered, numerator);
        for (int k = 0; k < length; k++) {
            out[outOffset + k] = filtered[base + length - 1 - k] + filtered[base + 2 * length - 1 - k];
        }
    }
}

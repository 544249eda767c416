package dev.switchboard.codec.g722.internal;

import java.util.Arrays;

/**
 * The last 24 samples seen by one of G.722's quadrature mirror filters, with the filter's
 * coefficients. The transmit filter splits pairs of 16 kHz samples into the two sub-bands; the
 * receive filter merges the sub-bands back. Both slide by two samples per step.
 */
final class QmfWindow {

    /**
     * Taps of the filter. Its coefficients h(0)..h(23) (the recommendation's QMF table: 3, -11, -11, 53,
     * 12, -156, 32, 362, -210, -805, 951, 3876, then the same mirrored) are written into the two sums.
     */
    private static final int TAPS = 24;

    /**
     * Samples in arrival order; the window is the {@link #TAPS} entries before {@link #end}. A buffer
     * longer than the window lets most pushes just append, with one copy back every few hundred.
     */
    private final int[] samples = new int[TAPS + 512];
    private int end;

    QmfWindow() {
        reset();
    }

    void reset() {
        Arrays.fill(samples, 0);
        end = TAPS;
    }

    void push(int earlier, int later) {
        if (end == samples.length) {
            System.arraycopy(samples, end - (TAPS - 2), samples, 0, TAPS - 2);
            end = TAPS - 2;
        }
        samples[end++] = earlier;
        samples[end++] = later;
    }

    /**
     * Sum over i of h(2i) times the sample {@code 2i + lag} places before the newest. Written out with
     * the coefficients as constants: the QMF is half of G.722's work, and the JIT turns constants into
     * shifts and adds.
     */
    int evenCoefficientSum(int lag) {
        int[] x = samples;
        int n = end - 1 - lag;
        return 3 * x[n] - 11 * x[n - 2] + 12 * x[n - 4] + 32 * x[n - 6] - 210 * x[n - 8] + 951 * x[n - 10]
                + 3876 * x[n - 12] - 805 * x[n - 14] + 362 * x[n - 16] - 156 * x[n - 18] + 53 * x[n - 20]
                - 11 * x[n - 22];
    }

    /** Sum over i of h(2i+1) times the sample {@code 2i + lag} places before the newest, written out likewise. */
    int oddCoefficientSum(int lag) {
        int[] x = samples;
        int n = end - 1 - lag;
        return -11 * x[n] + 53 * x[n - 2] - 156 * x[n - 4] + 362 * x[n - 6] - 805 * x[n - 8] + 3876 * x[n - 10]
                + 951 * x[n - 12] - 210 * x[n - 14] + 32 * x[n - 16] + 12 * x[n - 18] - 11 * x[n - 20]
                + 3 * x[n - 22];
    }
}

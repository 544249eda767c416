package dev.switchboard.codec.g722.internal;

import java.util.Arrays;

/**
 * The last 24 samples seen by one of G.722's quadrature mirror filters, with the filter's
 * coefficients. The transmit filter splits pairs of 16 kHz samples into the two sub-bands; the
 * receive filter merges the sub-bands back. Both slide by two samples per step.
 */
final class QmfWindow {

    /** h(0)..h(23) of the recommendation's QMF coefficient table. */
    private static final int[] COEFFICIENTS = {
        3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876,
        3876, 951, -805, -210, 362, 32, -156, 12, 53, -11, -11, 3 };

    private static final int TAPS = COEFFICIENTS.length;

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

    /** Sum over i of h(2i) times the sample {@code 2i + lag} places before the newest. */
    int evenCoefficientSum(int lag) {
        int newest = end - 1 - lag;
        int sum = 0;
        for (int i = 0; i < TAPS; i += 2) {
            sum += COEFFICIENTS[i] * samples[newest - i];
        }
        return sum;
    }

    /** Sum over i of h(2i+1) times the sample {@code 2i + lag} places before the newest. */
    int oddCoefficientSum(int lag) {
        int newest = end - 1 - lag;
        int sum = 0;
        for (int i = 0; i < TAPS; i += 2) {
            sum += COEFFICIENTS[i + 1] * samples[newest - i];
        }
        return sum;
    }
}

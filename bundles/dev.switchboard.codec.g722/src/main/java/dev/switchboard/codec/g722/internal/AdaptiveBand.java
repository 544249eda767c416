package dev.switchboard.codec.g722.internal;

import java.util.Arrays;

/**
 * The backward-adaptive state of one G.722 sub-band: the quantiser scale factor (blocks
 * LOGSCL/SCALEL, LOGSCH/SCALEH) and the two-pole, six-zero predictor (block 4). The encoder and the
 * decoder each run an identical copy fed with the same quantised differences, which is what keeps
 * them in step without side information.
 *
 * <p>All arithmetic follows the recommendation's 16-bit fixed-point description, including where it
 * saturates and where it truncates towards minus infinity: any other rounding drifts the predictor
 * and loses bit-exactness with other implementations.
 */
final class AdaptiveBand {

    /** Table of the inverse log2 of the scale factor's fractional part (ITU-T G.722 block SCALEL). */
    private static final int[] INVERSE_LOG2 = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008 };

    private static final int ZERO_COUNT = 6;

    private final int maxLogScale;
    private final int scaleExponentBias;

    /** Quantiser step size (DETL or DETH), applied to the quantiser tables with a 12- or 15-bit shift. */
    private int stepSize;
    private int logScale;
    /** Signal estimate (SL or SH) for the next sample. */
    private int estimate;
    /** Contribution of the zero section to {@link #estimate}, kept for the partial reconstruction. */
    private int zeroEstimate;
    private int pole1;
    private int pole2;
    private final int[] zeros = new int[ZERO_COUNT];
    /** Quantised differences, most recent first. */
    private final int[] differences = new int[ZERO_COUNT];
    private int reconstructed1;
    private int reconstructed2;
    private boolean partialNegative1;
    private boolean partialNegative2;

    private AdaptiveBand(int maxLogScale, int scaleExponentBias) {
        this.maxLogScale = maxLogScale;
        this.scaleExponentBias = scaleExponentBias;
        reset();
    }

    static AdaptiveBand lowBand() {
        return new AdaptiveBand(18432, 8);
    }

    static AdaptiveBand highBand() {
        return new AdaptiveBand(22528, 10);
    }

    void reset() {
        logScale = 0;
        stepSize = scaleFromLog(0);
        estimate = 0;
        zeroEstimate = 0;
        pole1 = 0;
        pole2 = 0;
        Arrays.fill(zeros, 0);
        Arrays.fill(differences, 0);
        reconstructed1 = 0;
        reconstructed2 = 0;
        partialNegative1 = false;
        partialNegative2 = false;
    }

    int stepSize() {
        return stepSize;
    }

    int estimate() {
        return estimate;
    }

    /**
     * Moves the band on by one sample.
     *
     * @param difference      the quantised prediction difference the decoder will also see (DLT or DH)
     * @param logScaleWeight  the log scale factor multiplier of the sample's code (WL or WH)
     */
    void adapt(int difference, int logScaleWeight) {
        logScale = clamp(((logScale * 127) >> 7) + logScaleWeight, 0, maxLogScale);
        stepSize = scaleFromLog(logScale);
        updatePredictor(difference);
    }

    private int scaleFromLog(int log) {
        int mantissa = INVERSE_LOG2[(log >> 6) & 31];
        int shift = scaleExponentBias - (log >> 11);
        return (shift < 0 ? mantissa << -shift : mantissa >> shift) << 2;
    }

    private void updatePredictor(int difference) {
        int reconstructed = saturate(estimate + difference);
        boolean partialNegative = saturate(zeroEstimate + difference) < 0;

        // UPPOL2: a2 follows the correlation of the partially reconstructed signal two samples apart.
        // 16-bit arithmetic as in the recommendation: 4*a1 saturates, and so does negating -32768.
        int pole1Times4 = saturate(pole1 << 2);
        int pole1Term = Math.min(partialNegative == partialNegative1 ? -pole1Times4 : pole1Times4, 32767) >> 7;
        int newPole2 = clamp(pole1Term + (partialNegative == partialNegative2 ? 128 : -128) + ((pole2 * 127) >> 7),
                -12288, 12288);
        // UPPOL1: bounded by the new a2 so that the pole section stays stable.
        int pole1Limit = 15360 - newPole2;
        int newPole1 = clamp((partialNegative == partialNegative1 ? 192 : -192) + ((pole1 * 255) >> 8),
                -pole1Limit, pole1Limit);

        // UPZERO: leaks each coefficient and nudges it by the sign agreement of difference and its delayed copy.
        int nudge = difference == 0 ? 0 : 128;
        boolean differenceNegative = difference < 0;
        for (int i = 0; i < ZERO_COUNT; i++) {
            zeros[i] = ((zeros[i] * 255) >> 8) + (differenceNegative == (differences[i] < 0) ? nudge : -nudge);
        }

        // DELAYA
        System.arraycopy(differences, 0, differences, 1, ZERO_COUNT - 1);
        differences[0] = difference;
        reconstructed2 = reconstructed1;
        reconstructed1 = reconstructed;
        partialNegative2 = partialNegative1;
        partialNegative1 = partialNegative;
        pole1 = newPole1;
        pole2 = newPole2;

        // FILTEZ, FILTEP, PREDIC
        int zeroSum = 0;
        for (int i = 0; i < ZERO_COUNT; i++) {
            zeroSum = saturate(zeroSum + ((zeros[i] * saturate(differences[i] << 1)) >> 15));
        }
        zeroEstimate = zeroSum;
        int poleSum = saturate(((pole1 * saturate(reconstructed1 << 1)) >> 15)
                + ((pole2 * saturate(reconstructed2 << 1)) >> 15));
        estimate = saturate(poleSum + zeroSum);
    }

    static int saturate(int value) {
        return clamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}

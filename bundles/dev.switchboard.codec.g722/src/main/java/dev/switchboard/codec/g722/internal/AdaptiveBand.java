package dev.switchboard.codec.g722.internal;

/**
 * The backward-adaptive state of one G.722 sub-band: the quantiser scale factor (blocks
 * LOGSCL/SCALEL, LOGSCH/SCALEH) and the two-pole, six-zero predictor (block 4). The encoder and the
 * decoder each run an identical copy fed with the same quantised differences, which is what keeps
 * them in step without side information.
 *
 * <p>All arithmetic follows the recommendation's 16-bit fixed-point description, including where it
 * saturates and where it truncates towards minus infinity: any other rounding drifts the predictor
 * and loses bit-exactness with other implementations.
 *
 * <p>The six zero coefficients and delayed differences are separate fields rather than arrays, and
 * their loops written out: this is the codec's innermost step, run twice per sample pair, and fields
 * spare it the bounds checks and the shift of the delay line (measured in docs/benchmarks.md).
 */
final class AdaptiveBand {

    /** Table of the inverse log2 of the scale factor's fractional part (ITU-T G.722 block SCALEL). */
    private static final int[] INVERSE_LOG2 = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008 };

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
    /** Zero-section coefficients b1..b6. */
    private int zero1, zero2, zero3, zero4, zero5, zero6;
    /** Quantised differences, most recent first (the delay line of the zero section). */
    private int difference1, difference2, difference3, difference4, difference5, difference6;
    private int reconstructed1;
    private int reconstructed2;
    /** Signs of the last two partially reconstructed signals, as masks: -1 if negative, else 0. */
    private int partialSign1;
    private int partialSign2;

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
        zero1 = zero2 = zero3 = zero4 = zero5 = zero6 = 0;
        difference1 = difference2 = difference3 = difference4 = difference5 = difference6 = 0;
        reconstructed1 = 0;
        reconstructed2 = 0;
        partialSign1 = 0;
        partialSign2 = 0;
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
        int partialSign = saturate(zeroEstimate + difference) >> 31;
        // Sign agreements as masks (-1 where the signs differ, 0 where they agree) and values chosen by
        // them with (v ^ mask) - mask, which is v or -v: speech makes these signs unpredictable, and
        // mispredicted branches were a large part of the codec's time.
        int differs1 = partialSign ^ partialSign1;
        int differs2 = partialSign ^ partialSign2;

        // UPPOL2: a2 follows the correlation of the partially reconstructed signal two samples apart.
        // 16-bit arithmetic as in the recommendation: 4*a1 saturates, and so does negating -32768.
        int pole1Times4 = saturate(pole1 << 2);
        int pole1Term = Math.min((pole1Times4 ^ ~differs1) - ~differs1, 32767) >> 7; // -4*a1 when the signs agree
        int newPole2 = clamp(pole1Term + ((128 ^ differs2) - differs2) + ((pole2 * 127) >> 7), -12288, 12288);
        // UPPOL1: bounded by the new a2 so that the pole section stays stable.
        int pole1Limit = 15360 - newPole2;
        int newPole1 = clamp(((192 ^ differs1) - differs1) + ((pole1 * 255) >> 8), -pole1Limit, pole1Limit);

        // UPZERO: leaks each coefficient and nudges it by the sign agreement of difference and its delayed
        // copy (by nothing when the difference is 0).
        int nudge = ((difference | -difference) >>> 31) << 7;
        zero1 = ((zero1 * 255) >> 8) + nudged(nudge, difference, difference1);
        zero2 = ((zero2 * 255) >> 8) + nudged(nudge, difference, difference2);
        zero3 = ((zero3 * 255) >> 8) + nudged(nudge, difference, difference3);
        zero4 = ((zero4 * 255) >> 8) + nudged(nudge, difference, difference4);
        zero5 = ((zero5 * 255) >> 8) + nudged(nudge, difference, difference5);
        zero6 = ((zero6 * 255) >> 8) + nudged(nudge, difference, difference6);

        // DELAYA
        difference6 = difference5;
        difference5 = difference4;
        difference4 = difference3;
        difference3 = difference2;
        difference2 = difference1;
        difference1 = difference;
        reconstructed2 = reconstructed1;
        reconstructed1 = reconstructed;
        partialSign2 = partialSign1;
        partialSign1 = partialSign;
        pole1 = newPole1;
        pole2 = newPole2;

        // FILTEZ, FILTEP, PREDIC
        // each partial sum saturates, as the recommendation's accumulator does
        int zeroSum = saturate((zero1 * saturate(difference1 << 1)) >> 15);
        zeroSum = saturate(zeroSum + ((zero2 * saturate(difference2 << 1)) >> 15));
        zeroSum = saturate(zeroSum + ((zero3 * saturate(difference3 << 1)) >> 15));
        zeroSum = saturate(zeroSum + ((zero4 * saturate(difference4 << 1)) >> 15));
        zeroSum = saturate(zeroSum + ((zero5 * saturate(difference5 << 1)) >> 15));
        zeroSum = saturate(zeroSum + ((zero6 * saturate(difference6 << 1)) >> 15));
        zeroEstimate = zeroSum;
        int poleSum = saturate(((pole1 * saturate(reconstructed1 << 1)) >> 15)
                + ((pole2 * saturate(reconstructed2 << 1)) >> 15));
        estimate = saturate(poleSum + zeroSum);
    }

    /** {@code nudge} when {@code a} and {@code b} have the same sign (negative or not), else {@code -nudge}. */
    private static int nudged(int nudge, int a, int b) {
        int differs = (a ^ b) >> 31;
        return (nudge ^ differs) - differs;
    }

    static int saturate(int value) {
        return clamp(value, Short.MIN_VALUE, Short.MAX_VALUE);
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}

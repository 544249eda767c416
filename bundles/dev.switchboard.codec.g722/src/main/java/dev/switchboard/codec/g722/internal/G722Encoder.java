package dev.switchboard.codec.g722.internal;

import static dev.switchboard.codec.g722.internal.AdaptiveBand.saturate;

import dev.switchboard.media.codec.Encoder;

/**
 * G.722 encoder at 64 kbit/s: each pair of 16 kHz samples becomes one byte, two bits of high-band
 * ADPCM code above six bits of low-band code. Input is 16-bit PCM; the recommendation's 14-bit
 * samples are its top bits, which the QMF output shift accounts for.
 */
final class G722Encoder implements Encoder {

    /** Low-band decision levels (ITU-T G.722 Table 6), scaled by the step size with a 12-bit shift. */
    private static final int[] LOW_DECISION_LEVELS = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919 };

    /** Six-bit code of each low-band quantiser interval, for a negative and a non-negative difference. */
    private static final int[] LOW_CODE_NEGATIVE = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4 };
    private static final int[] LOW_CODE_POSITIVE = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32 };

    /** The single high-band decision level, scaled like the low band's. */
    private static final int HIGH_DECISION_LEVEL = 564;

    private final QmfWindow input = new QmfWindow();
    private final AdaptiveBand low = AdaptiveBand.lowBand();
    private final AdaptiveBand high = AdaptiveBand.highBand();

    @Override
    public int encode(short[] pcm, int offset, int samples, byte[] out, int outOffset) {
        if (samples < 0 || samples % 2 != 0) {
            throw new IllegalArgumentException("G.722 encodes pairs of samples, not " + samples);
        }
        int bytes = samples / 2;
        for (int i = 0; i < bytes; i++) {
            out[outOffset + i] = (byte) encodePair(pcm[offset + 2 * i], pcm[offset + 2 * i + 1]);
        }
        return bytes;
    }

    private int encodePair(int earlier, int later) {
        input.push(earlier, later);
        int evenTaps = input.evenCoefficientSum(0);
        int oddTaps = input.oddCoefficientSum(1);
        int lowCode = encodeLow((evenTaps + oddTaps) >> 14);
        int highCode = encodeHigh((evenTaps - oddTaps) >> 14);
        return highCode << 6 | lowCode;
    }

    private int encodeLow(int sample) {
        int difference = saturate(sample - low.estimate());
        // One's complement magnitude, as the recommendation compares it: -1 falls in the same interval as 0.
        int magnitude = difference ^ (difference >> 31);
        int stepSize = low.stepSize();
        // the first interval (from 1) whose decision level is above the magnitude, by bisection: the
        // levels scaled by the step size stay in order, so this is what a linear scan finds, in 5 steps
        int below = 1;
        int above = LOW_DECISION_LEVELS.length;
        while (below < above) {
            int middle = (below + above) >>> 1;
            if (magnitude >= (LOW_DECISION_LEVELS[middle] * stepSize) >> 12) {
                below = middle + 1;
            } else {
                above = middle;
            }
        }
        int interval = below;
        int code = difference < 0 ? LOW_CODE_NEGATIVE[interval] : LOW_CODE_POSITIVE[interval];
        int predictorCode = code >> 2;
        low.adapt((stepSize * Tables.LOW_INVERSE_QUANTISER_4BIT[predictorCode]) >> 15,
                Tables.lowLogScaleWeight(predictorCode));
        return code;
    }

    private int encodeHigh(int sample) {
        int difference = saturate(sample - high.estimate());
        int magnitude = difference ^ (difference >> 31);
        int stepSize = high.stepSize();
        // codes 0, 1 for a negative difference, 2, 3 for a non-negative one; the odd ones are the inner interval
        int inner = (magnitude - ((HIGH_DECISION_LEVEL * stepSize) >> 12)) >>> 31;
        int code = ((~difference >>> 31) << 1) | inner;
        high.adapt((stepSize * Tables.HIGH_INVERSE_QUANTISER[code]) >> 15, Tables.highLogScaleWeight(code));
        return code;
    }

    @Override
    public void reset() {
        input.reset();
        low.reset();
        high.reset();
    }
}

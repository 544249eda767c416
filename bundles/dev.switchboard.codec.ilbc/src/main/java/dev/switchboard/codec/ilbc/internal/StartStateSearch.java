package dev.switchboard.codec.ilbc.internal;

/**
 * Encoder side of the start state (RFC 3951 section 3.5.2-3.5.3): all-pass spreading, a 6-bit log
 * scale for the peak, then 3-bit scalar quantisation with predictive noise shaping through the
 * perceptual weighting filter.
 */
final class StartStateSearch {

    private StartStateSearch() {
    }

    static void search(float[] residual, int offset, float[] synthesisFilters, float[] weightingFilters, int filterOffset,
            int length, boolean stateFirst, FrameParameters parameters, float[] in, float[] filtered, float[] numerator) {
        int base = Dsp.ORDER;
        System.arraycopy(residual, offset, in, base, length);
        java.util.Arrays.fill(in, base + length, base + 2 * length, 0f);
        Dsp.allPassFromZeroState(in, synthesisFilters, filterOffset, length, filtered, numerator);
        for (int k = 0; k < length; k++) {
            filtered[base + k] += filtered[base + k + length];
        }

        float peak = filtered[base];
        for (int k = 1; k < length; k++) {
            float value = filtered[base + k];
            if (value * value > peak * peak) {
                peak = value;
            }
        }
        float maximum = Math.max(Math.abs(peak), 10.0f);
        parameters.scaleIndex[0] = nearestIndex((float) Math.log10(maximum), Tables.STATE_FRGQ);
        float scale = 4.5f / (float) Math.pow(10, Tables.STATE_FRGQ[parameters.scaleIndex[0]]);
        for (int k = 0; k < length; k++) {
            filtered[base + k] *= scale;
        }
        // the all-pass input is no longer needed: its buffer holds the noise-shaping filter's output
        quantizeWithNoiseShaping(filtered, base, weightingFilters, filterOffset, parameters.stateIndex, length, stateFirst, in);
    }

    /**
     * The start state spans two sub-blocks, so the weighting filter changes where the second begins.
     * {@code in} is filtered in place; its {@code ORDER} samples before {@code offset} must be zero.
     */
    private static void quantizeWithNoiseShaping(float[] in, int offset, float[] weighting, int weightingOffset, int[] out,
            int length, boolean stateFirst, float[] synthesized) {
        int switchAt = stateFirst ? Dsp.SUBBLOCK : length - Dsp.SUBBLOCK;
        int filter = weightingOffset;
        Dsp.allPole(in, offset, weighting, filter, switchAt);
        int base = Dsp.ORDER;
        java.util.Arrays.fill(synthesized, 0, base + length, 0f);
        for (int n = 0; n < length; n++) {
            if (n == switchAt) {
                filter += Dsp.ORDER + 1;
                Dsp.allPole(in, offset + n, weighting, filter, length - n);
            }
            synthesized[base + n] = 0f;
            Dsp.allPole(synthesized, base + n, weighting, filter, 1);
            float target = in[offset + n] - synthesized[base + n];
            int index = nearestIndex(target, Tables.STATE_SQ3);
            out[n] = index;
            synthesized[base + n] = Tables.STATE_SQ3[index];
            Dsp.allPole(synthesized, base + n, weighting, filter, 1);
        }
    }

    /** The RFC's sorted scalar quantiser: nearest level by midpoint decision. */
    static int nearestIndex(float x, float[] levels) {
        if (x <= levels[0]) {
            return 0;
        }
        int i = 0;
        while (x > levels[i] && i < levels.length - 1) {
            i++;
        }
        return x > (levels[i] + levels[i - 1]) / 2 ? i : i - 1;
    }
}

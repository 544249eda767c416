package dev.switchboard.codec.ilbc.internal;

import static dev.switchboard.codec.ilbc.internal.Dsp.ORDER;

/**
 * Conversions between LPC polynomials and line spectral frequencies (RFC 3951 sections 3.2.3 and
 * 3.2.6). An instance owns its scratch arrays so that a frame allocates nothing; one per encoder or
 * decoder.
 */
final class LsfConversion {

    private static final float TWO_PI = 6.283185307f;
    private static final float INVERSE_TWO_PI = 0.159154943f;
    private static final float[] LSF_SEARCH_STEPS = {0.00635f, 0.003175f, 0.0015875f, 0.00079375f};
    private static final int HALF = ORDER / 2;

    private final float[] freq = new float[ORDER];
    private final float[] interpolated = new float[ORDER];
    private final float[] p = new float[HALF];
    private final float[] q = new float[HALF];
    private final float[] pa = new float[HALF + 1];
    private final float[] pa1 = new float[HALF];
    private final float[] pa2 = new float[HALF];
    private final float[] qa = new float[HALF + 1];
    private final float[] qa1 = new float[HALF];
    private final float[] qa2 = new float[HALF];
    private final float[] pPre = new float[HALF];
    private final float[] qPre = new float[HALF];
    private final float[] old = new float[2];

    /** LSF (radians) to LPC polynomial {@code a[0..10]}, a[0] = 1 (section 3.2.6). */
    void toLpc(float[] lsf, int lsfOffset, float[] a, int aOffset) {
        for (int i = 0; i < ORDER; i++) {
            freq[i] = lsf[lsfOffset + i] * INVERSE_TWO_PI;
        }
        if (freq[0] <= 0f || freq[ORDER - 1] >= 0.5f) {
            // ill-conditioned input: clamp the ends and spread the rest evenly
            if (freq[0] <= 0f) {
                freq[0] = 0.022f;
            }
            if (freq[ORDER - 1] >= 0.5f) {
                freq[ORDER - 1] = 0.499f;
            }
            float step = (freq[ORDER - 1] - freq[0]) / (ORDER - 1);
            for (int i = 1; i < ORDER; i++) {
                freq[i] = freq[i - 1] + step;
            }
        }
        java.util.Arrays.fill(pa1, 0f);
        java.util.Arrays.fill(pa2, 0f);
        java.util.Arrays.fill(qa1, 0f);
        java.util.Arrays.fill(qa2, 0f);
        for (int i = 0; i < HALF; i++) {
            p[i] = (float) Math.cos(TWO_PI * freq[2 * i]);
            q[i] = (float) Math.cos(TWO_PI * freq[2 * i + 1]);
        }
        pa[0] = 0.25f;
        qa[0] = 0.25f;
        for (int i = 0; i < HALF; i++) {
            pa[i + 1] = pa[i] - 2 * p[i] * pa1[i] + pa2[i];
            qa[i + 1] = qa[i] - 2 * q[i] * qa1[i] + qa2[i];
            pa2[i] = pa1[i];
            pa1[i] = pa[i];
            qa2[i] = qa1[i];
            qa1[i] = qa[i];
        }
        for (int j = 0; j < ORDER; j++) {
            if (j == 0) {
                pa[0] = 0.25f;
                qa[0] = -0.25f;
            } else {
                pa[0] = 0f;
                qa[0] = 0f;
            }
            for (int i = 0; i < HALF; i++) {
                pa[i + 1] = pa[i] - 2 * p[i] * pa1[i] + pa2[i];
                qa[i + 1] = qa[i] - 2 * q[i] * qa1[i] + qa2[i];
                pa2[i] = pa1[i];
                pa1[i] = pa[i];
                qa2[i] = qa1[i];
                qa1[i] = qa[i];
            }
            a[aOffset + j + 1] = 2 * (pa[HALF] + qa[HALF]);
        }
        a[aOffset] = 1f;
    }

    /** LPC polynomial to LSF (radians) by a grid search for the roots with four refinement steps (section 3.2.3). */
    void fromLpc(float[] a, float[] freq, int freqOffset) {
        for (int i = 0; i < HALF; i++) {
            p[i] = -1.0f * (a[i + 1] + a[ORDER - i]);
            q[i] = a[ORDER - i] - a[i + 1];
        }
        pPre[0] = -1.0f - p[0];
        for (int i = 1; i < HALF; i++) {
            pPre[i] = -pPre[i - 1] - p[i];
        }
        pPre[HALF - 1] = pPre[HALF - 1] / 2;
        qPre[0] = 1.0f - q[0];
        for (int i = 1; i < HALF; i++) {
            qPre[i] = qPre[i - 1] - q[i];
        }
        qPre[HALF - 1] = qPre[HALF - 1] / 2;

        float omega = 0f;
        float oldOmega = 0f;
        old[0] = Float.MAX_VALUE;
        old[1] = Float.MAX_VALUE;
        for (int lspIndex = 0; lspIndex < ORDER; lspIndex++) {
            float[] coefficients = (lspIndex & 1) == 0 ? pPre : qPre;
            int which = lspIndex & 1;
            int stepIndex = 0;
            float step = LSF_SEARCH_STEPS[0];
            while (stepIndex < LSF_SEARCH_STEPS.length) {
                float hlp = (float) Math.cos(omega * TWO_PI);
                float hlp1 = 2.0f * hlp + coefficients[0];
                float hlp2 = 2.0f * hlp * hlp1 - 1.0f + coefficients[1];
                float hlp3 = 2.0f * hlp * hlp2 - hlp1 + coefficients[2];
                float hlp4 = 2.0f * hlp * hlp3 - hlp2 + coefficients[3];
                float hlp5 = hlp * hlp4 - hlp3 + coefficients[4];
                if (hlp5 * old[which] <= 0f || omega >= 0.5f) {
                    if (stepIndex == LSF_SEARCH_STEPS.length - 1) {
                        freq[freqOffset + lspIndex] = Math.abs(hlp5) >= Math.abs(old[which]) ? omega - step : omega;
                        old[which] = old[which] >= 0f ? -Float.MAX_VALUE : Float.MAX_VALUE;
                        omega = oldOmega;
                        stepIndex = LSF_SEARCH_STEPS.length;
                    } else {
                        if (stepIndex == 0) {
                            oldOmega = omega;
                        }
                        stepIndex++;
                        omega -= LSF_SEARCH_STEPS[stepIndex];
                        step = LSF_SEARCH_STEPS[stepIndex];
                    }
                } else {
                    old[which] = hlp5;
                    omega += step;
                }
            }
        }
        for (int i = 0; i < ORDER; i++) {
            freq[freqOffset + i] = freq[freqOffset + i] * TWO_PI;
        }
    }

    /** Interpolates {@code weight * first + (1 - weight) * second} and converts to LPC. */
    void interpolateToLpc(float[] first, int firstOffset, float[] second, int secondOffset, float weight,
            float[] a, int aOffset) {
        float inverse = 1.0f - weight;
        for (int i = 0; i < ORDER; i++) {
            interpolated[i] = weight * first[firstOffset + i] + inverse * second[secondOffset + i];
        }
        toLpc(interpolated, 0, a, aOffset);
    }
}

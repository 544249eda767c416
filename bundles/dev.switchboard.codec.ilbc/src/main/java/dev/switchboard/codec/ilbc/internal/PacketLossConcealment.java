package dev.switchboard.codec.ilbc.internal;

import java.util.Arrays;

/**
 * iLBC's own packet-loss concealment (RFC 3951 section 4.5): a lost frame's excitation is the last good
 * one's pitch cycle repeated, mixed with a randomly lagged copy by how periodic it was, and faded over
 * consecutive losses; the last good frame's LPC filter shapes it.
 */
final class PacketLossConcealment {

    private static final int LPC_LENGTH = Dsp.ORDER + 1;
    private static final int CORRELATION_LENGTH = 60;

    private final int blockLength;
    private final float[] previousResidual;
    private final float[] previousLpc = new float[LPC_LENGTH];
    private final float[] noise;
    private int consecutiveLosses;
    private boolean previousLost;
    private int previousLag;
    private float periodicity;
    private long seed;
    private float correlation;
    private float normalizedCorrelation;

    PacketLossConcealment(int blockLength) {
        this.blockLength = blockLength;
        this.previousResidual = new float[blockLength];
        this.noise = new float[blockLength];
        reset();
    }

    void reset() {
        Arrays.fill(previousResidual, 0f);
        Arrays.fill(previousLpc, 0f);
        previousLpc[0] = 1f;
        consecutiveLosses = 0;
        previousLost = false;
        previousLag = 120;
        periodicity = 0f;
        seed = 777;
    }

    /** A good frame: keep its residual and last sub-block's LPC for a later loss. */
    void remember(float[] residual, float[] lpc, int lpcOffset) {
        System.arraycopy(residual, 0, previousResidual, 0, blockLength);
        System.arraycopy(lpc, lpcOffset, previousLpc, 0, LPC_LENGTH);
        consecutiveLosses = 0;
        previousLost = false;
    }

    /**
     * Writes the concealed residual for a lost frame into {@code residual}.
     *
     * @param lag the pitch lag measured on the last decoded frame
     * @return the LPC filter to synthesise it with
     */
    float[] conceal(float[] residual, int lag) {
        consecutiveLosses++;
        int useLag;
        float maxPeriodicity;
        if (!previousLost) {
            // search around the last lag for the best pitch period of the last good frame
            int bestLag = lag - 3;
            correlate(bestLag);
            float bestCorrelation = correlation;
            maxPeriodicity = normalizedCorrelation;
            for (int candidate = lag - 2; candidate <= lag + 3; candidate++) {
                correlate(candidate);
                if (correlation > bestCorrelation) {
                    bestCorrelation = correlation;
                    bestLag = candidate;
                    maxPeriodicity = normalizedCorrelation;
                }
            }
            useLag = bestLag;
        } else {
            useLag = previousLag;
            maxPeriodicity = periodicity;
        }

        // RFC 3951's reference tests "> 320" first, so only the 0.9 step of its fade ever applies
        float fade = consecutiveLosses * blockLength > 320 ? 0.9f : 1.0f;

        float root = (float) Math.sqrt(maxPeriodicity);
        float pitchFactor;
        if (root > 0.7f) {
            pitchFactor = 1.0f;
        } else if (root > 0.4f) {
            pitchFactor = (root - 0.4f) / (0.7f - 0.4f);
        } else {
            pitchFactor = 0f;
        }

        // repeat two cycles of a short pitch rather than one, which would buzz
        int repeatLag = useLag < 80 ? 2 * useLag : useLag;
        float energy = 0f;
        for (int i = 0; i < blockLength; i++) {
            seed = (seed * 69069L + 1) & 0x7fffffffL;
            int randomLag = 50 + (int) (seed % 70);
            int pick = i - randomLag;
            noise[i] = pick < 0 ? previousResidual[blockLength + pick] : noise[pick];
            pick = i - repeatLag;
            float periodic = pick < 0 ? previousResidual[blockLength + pick] : residual[pick];
            float mixed = pitchFactor * periodic + (1.0f - pitchFactor) * noise[i];
            float attenuation = i < 80 ? 1.0f : i < 160 ? 0.95f : 0.9f;
            residual[i] = attenuation * fade * mixed;
            energy += residual[i] * residual[i];
        }
        // a quiet concealment is better as noise only
        if (Math.sqrt(energy / blockLength) < 30.0) {
            System.arraycopy(noise, 0, residual, 0, blockLength);
        }

        previousLag = useLag;
        periodicity = maxPeriodicity;
        previousLost = true;
        System.arraycopy(residual, 0, previousResidual, 0, blockLength);
        return previousLpc;
    }

    /** Pitch prediction of the last 60 samples at {@code lag}: correlation measure and normalised correlation. */
    private void correlate(int lag) {
        int range = CORRELATION_LENGTH;
        if (blockLength - range - lag < 0) {
            range = blockLength - lag;
        }
        float cross = 0f;
        float lagged = 0f;
        float current = 0f;
        for (int i = 0; i < range; i++) {
            float x = previousResidual[blockLength - range + i];
            float y = previousResidual[blockLength - range + i - lag];
            cross += x * y;
            lagged += y * y;
            current += x * x;
        }
        if (lagged > 0f) {
            correlation = cross * cross / lagged;
            normalizedCorrelation = Math.abs(cross) / ((float) Math.sqrt(lagged) * (float) Math.sqrt(current));
        } else {
            correlation = 0f;
            normalizedCorrelation = 0f;
        }
    }
}

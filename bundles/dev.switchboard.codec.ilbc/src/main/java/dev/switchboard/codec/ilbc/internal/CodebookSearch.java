package dev.switchboard.codec.ilbc.internal;

/**
 * The encoder's three-stage adaptive codebook search with gain quantisation (RFC 3951 section 3.6),
 * done in the perceptually weighted domain. Each stage picks the vector with the best normalised
 * correlation to what is left of the target; stage one only accepts positive gains. Within each
 * codebook section every index inside the RFC's per-block search range is tried (the RFC narrows the
 * second section further around the first section's winner, only to save work), so every index chosen is
 * one the bitstream can carry.
 */
final class CodebookSearch {

    private static final int MAX_MEMORY = Tables.SUBBLOCK_MEMORY;

    private final float[] buffer = new float[Dsp.ORDER + MAX_MEMORY + Dsp.SUBBLOCK];
    private final float[] filtered = new float[MAX_MEMORY];
    private final float[] target = new float[Dsp.SUBBLOCK];
    private final float[] vector = new float[Dsp.SUBBLOCK];
    private final float[] bestVector = new float[Dsp.SUBBLOCK];
    private final float[] reconstruction = new float[Dsp.SUBBLOCK];
    private final float[] gains = new float[Dsp.STAGES];

    /**
     * @param block 0 for the start state's remainder, 1.. for the sub-blocks in coding order (selects the search range)
     */
    void search(float[] intarget, int targetOffset, float[] memory, int memoryOffset, int memoryLength, int targetLength,
            float[] weighting, int weightingOffset, int block, int[] index, int[] gainIndex, int indexOffset) {
        // weight memory and target together, the filter starting from zero state
        java.util.Arrays.fill(buffer, 0, Dsp.ORDER, 0f);
        System.arraycopy(memory, memoryOffset, buffer, Dsp.ORDER, memoryLength);
        System.arraycopy(intarget, targetOffset, buffer, Dsp.ORDER + memoryLength, targetLength);
        Dsp.allPole(buffer, Dsp.ORDER, weighting, weightingOffset, memoryLength + targetLength);
        System.arraycopy(buffer, Dsp.ORDER + memoryLength, target, 0, targetLength);
        Dsp.filterCodebookMemory(buffer, Dsp.ORDER, memoryLength, filtered);

        float targetEnergy = 0f;
        for (int i = 0; i < targetLength; i++) {
            targetEnergy += target[i] * target[i];
        }
        java.util.Arrays.fill(reconstruction, 0, targetLength, 0f);

        int baseSize = Dsp.codebookBaseSize(memoryLength, targetLength);
        int plainVectors = memoryLength - targetLength + 1;
        for (int stage = 0; stage < Dsp.STAGES; stage++) {
            int range = Tables.SEARCH_RANGE[block][stage];
            float bestMeasure = -10000000.0f;
            float bestGain = 0f;
            int bestIndex = 0;
            for (int section = 0; section < 2; section++) {
                for (int candidate = 0; candidate < baseSize; candidate++) {
                    boolean augmented = candidate >= plainVectors;
                    if (!augmented && candidate >= range) {
                        continue;
                    }
                    int cbIndex = section * baseSize + candidate;
                    float[] source = vector;
                    int sourceOffset = 0;
                    if (augmented) {
                        Dsp.codebookVector(buffer, Dsp.ORDER, filtered, cbIndex, memoryLength, targetLength, vector, 0);
                    } else if (section == 0) {
                        // plain vectors are read in place: a segment of the memory ending candidate samples early
                        source = buffer;
                        sourceOffset = Dsp.ORDER + memoryLength - targetLength - candidate;
                    } else {
                        source = filtered;
                        sourceOffset = memoryLength - targetLength - candidate;
                    }
                    float cross = 0f;
                    float energy = 0f;
                    for (int j = 0; j < targetLength; j++) {
                        float value = source[sourceOffset + j];
                        cross += target[j] * value;
                        energy += value * value;
                    }
                    float inverseEnergy = energy > 0f ? 1.0f / (energy + Dsp.EPS) : 0f;
                    float measure = stage == 0 && cross <= 0f ? -10000000.0f : cross * cross * inverseEnergy;
                    float gain = cross * inverseEnergy;
                    if (measure > bestMeasure && Math.abs(gain) < Dsp.CB_MAX_GAIN) {
                        bestMeasure = measure;
                        bestGain = gain;
                        bestIndex = cbIndex;
                    }
                }
            }
            Dsp.codebookVector(buffer, Dsp.ORDER, filtered, bestIndex, memoryLength, targetLength, bestVector, 0);
            index[indexOffset + stage] = bestIndex;
            float quantized;
            if (stage == 0) {
                float gain = Math.min(Math.max(bestGain, 0f), Dsp.CB_MAX_GAIN);
                quantized = quantizeGain(gain, 1.0f, stage, gainIndex, indexOffset);
            } else {
                quantized = quantizeGain(bestGain, Math.abs(gains[stage - 1]), stage, gainIndex, indexOffset);
            }
            gains[stage] = quantized;
            for (int j = 0; j < targetLength; j++) {
                reconstruction[j] += quantized * bestVector[j];
                target[j] -= quantized * bestVector[j];
            }
        }

        // raise the first gain while that brings the coded energy closer to the target's (section 3.6.4.2)
        float codedEnergy = 0f;
        for (int i = 0; i < targetLength; i++) {
            codedEnergy += reconstruction[i] * reconstruction[i];
        }
        int chosen = gainIndex[indexOffset];
        for (int i = gainIndex[indexOffset]; i < 32; i++) {
            float scaled = codedEnergy * Tables.GAIN_SQ5[i] * Tables.GAIN_SQ5[i];
            if (scaled < targetEnergy * gains[0] * gains[0] && Tables.GAIN_SQ5[chosen] < 2.0f * gains[0]) {
                chosen = i;
            }
        }
        gainIndex[indexOffset] = chosen;
    }

    private static float quantizeGain(float gain, float previous, int stage, int[] gainIndex, int indexOffset) {
        float scale = Math.max(previous, 0.1f);
        float[] table = Dsp.gainTable(stage);
        float best = 10000000.0f;
        int bestIndex = 0;
        for (int i = 0; i < table.length; i++) {
            float error = gain - scale * table[i];
            float measure = error * error;
            if (measure < best) {
                best = measure;
                bestIndex = i;
            }
        }
        gainIndex[indexOffset + stage] = bestIndex;
        return scale * table[bestIndex];
    }
}

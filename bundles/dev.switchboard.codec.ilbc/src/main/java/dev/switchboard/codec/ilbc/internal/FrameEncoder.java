package dev.switchboard.codec.ilbc.internal;

import java.util.Arrays;

/**
 * Encodes a stream of iLBC frames of one mode (RFC 3951 section 3): high-pass input filter, LPC analysis
 * and LSF split-VQ, the residual's start state at its energy peak, then the rest of the residual by the
 * three-stage adaptive codebook, forwards and backwards from the start state. Every choice is made
 * against what the decoder will reconstruct, so encoder and decoder memories stay in step.
 */
final class FrameEncoder {

    private static final int LPC_LENGTH = Dsp.ORDER + 1;
    private static final int LOOKBACK = 60;
    private static final int MAX_BLOCK = 240;
    private static final int CODEBOOK_MEMORY = Tables.SUBBLOCK_MEMORY;

    private final IlbcMode mode;
    private final FrameParameters parameters = new FrameParameters();
    private final CodebookSearch search = new CodebookSearch();
    private final LsfConversion lsfConversion = new LsfConversion();

    private final float[] highPassMemory = new float[4];
    private final float[] analysisMemory = new float[Dsp.ORDER];
    private final float[] lpcBuffer = new float[LOOKBACK + MAX_BLOCK];
    private final float[] lsfPrevious = new float[Dsp.ORDER];
    private final float[] lsfQuantizedPrevious = new float[Dsp.ORDER];

    private final float[] input = new float[MAX_BLOCK];
    private final float[] data = new float[MAX_BLOCK];
    private final float[] lsf = new float[2 * Dsp.ORDER];
    private final float[] lsfQuantized = new float[2 * Dsp.ORDER];
    private final float[] synthesisFilters = new float[6 * LPC_LENGTH];
    private final float[] weightingFilters = new float[6 * LPC_LENGTH];
    private final float[] residual = new float[MAX_BLOCK];
    private final float[] reversedResidual = new float[MAX_BLOCK];
    private final float[] decoded = new float[MAX_BLOCK];
    private final float[] reversedDecoded = new float[MAX_BLOCK];
    private final float[] memory = new float[CODEBOOK_MEMORY];
    private final float[] filteredScratch = new float[CODEBOOK_MEMORY];
    private final float[] vectorScratch = new float[Dsp.SUBBLOCK];
    private final float[] stateIn = new float[Dsp.ORDER + 2 * Dsp.STATE_LENGTH];
    private final float[] stateOut = new float[Dsp.ORDER + 2 * Dsp.STATE_LENGTH];
    private final float[] windowed = new float[MAX_BLOCK];
    private final float[] autocorrelation = new float[LPC_LENGTH];
    private final float[] lpc = new float[LPC_LENGTH];
    private final float[] lpcExpanded = new float[LPC_LENGTH];
    private final float[] reflection = new float[Dsp.ORDER];
    private final float[] numerator = new float[LPC_LENGTH];
    private final float[] frontEnergy = new float[6];
    private final float[] backEnergy = new float[6];

    /** Favours a start state in the middle of the frame, and tapers the 5 samples at sub-block edges. */
    private static final float[] CENTRE_WEIGHT = {0.8f, 0.9f, 1.0f, 0.9f, 0.8f};
    private static final float[] EDGE_TAPER = {1.0f / 6.0f, 2.0f / 6.0f, 3.0f / 6.0f, 4.0f / 6.0f, 5.0f / 6.0f};

    FrameEncoder(IlbcMode mode) {
        this.mode = mode;
        reset();
    }

    IlbcMode mode() {
        return mode;
    }

    void reset() {
        Arrays.fill(highPassMemory, 0f);
        Arrays.fill(analysisMemory, 0f);
        Arrays.fill(lpcBuffer, 0f);
        System.arraycopy(Tables.LSF_MEAN, 0, lsfPrevious, 0, Dsp.ORDER);
        System.arraycopy(Tables.LSF_MEAN, 0, lsfQuantizedPrevious, 0, Dsp.ORDER);
    }

    void encode(short[] pcm, int pcmOffset, byte[] out, int outOffset) {
        int blockLength = mode.blockLength;
        for (int i = 0; i < blockLength; i++) {
            input[i] = pcm[pcmOffset + i];
        }
        Dsp.highPass(input, 0, blockLength, data, 0, Tables.HP_IN_ZEROS, Tables.HP_IN_POLES, highPassMemory);
        encodeLpc();
        for (int n = 0; n < mode.subBlocks; n++) {
            Dsp.analyze(data, n * Dsp.SUBBLOCK, synthesisFilters, n * LPC_LENGTH, Dsp.SUBBLOCK, residual,
                    n * Dsp.SUBBLOCK, analysisMemory);
        }
        encodeResidual();
        parameters.compressFirstSubBlockIndices();
        parameters.pack(mode, out, outOffset);
    }

    /** LPC analysis with no look-ahead (section 3.2): one or two windows over the last 300 samples. */
    private void encodeLpc() {
        int blockLength = mode.blockLength;
        int newStart = LOOKBACK + MAX_BLOCK - blockLength;
        System.arraycopy(data, 0, lpcBuffer, newStart, blockLength);
        for (int k = 0; k < mode.lsfVectors; k++) {
            if (k < mode.lsfVectors - 1) {
                for (int i = 0; i < MAX_BLOCK; i++) {
                    windowed[i] = lpcBuffer[i] * Tables.LPC_WINDOW[i];
                }
            } else {
                for (int i = 0; i < MAX_BLOCK; i++) {
                    windowed[i] = lpcBuffer[LOOKBACK + i] * Tables.LPC_ASYMMETRIC_WINDOW[i];
                }
            }
            for (int lag = 0; lag <= Dsp.ORDER; lag++) {
                float sum = 0f;
                for (int n = 0; n < MAX_BLOCK - lag; n++) {
                    sum += windowed[n] * windowed[n + lag];
                }
                autocorrelation[lag] = sum * Tables.LPC_LAG_WINDOW[lag];
            }
            levinsonDurbin();
            Dsp.bandwidthExpand(lpcExpanded, 0, lpc, 0, Dsp.CHIRP_SYNTHESIS);
            lsfConversion.fromLpc(lpcExpanded, lsf, k * Dsp.ORDER);
        }
        System.arraycopy(lpcBuffer, blockLength, lpcBuffer, 0, newStart);

        for (int v = 0; v < mode.lsfVectors; v++) {
            quantizeLsf(v);
        }
        Dsp.stabilizeLsf(lsfQuantized, mode.lsfVectors);

        // synthesis filters from the quantised LSFs, weighting filters from the unquantised ones
        if (mode == IlbcMode.MODE_30) {
            interpolate(0, lsfQuantizedPrevious, 0, lsfQuantized, 0, lsfPrevious, 0, lsf, 0, Tables.LSF_WEIGHT_30MS[0]);
            for (int i = 1; i < mode.subBlocks; i++) {
                interpolate(i, lsfQuantized, 0, lsfQuantized, Dsp.ORDER, lsf, 0, lsf, Dsp.ORDER, Tables.LSF_WEIGHT_30MS[i]);
            }
            System.arraycopy(lsf, Dsp.ORDER, lsfPrevious, 0, Dsp.ORDER);
            System.arraycopy(lsfQuantized, Dsp.ORDER, lsfQuantizedPrevious, 0, Dsp.ORDER);
        } else {
            for (int i = 0; i < mode.subBlocks; i++) {
                interpolate(i, lsfQuantizedPrevious, 0, lsfQuantized, 0, lsfPrevious, 0, lsf, 0, Tables.LSF_WEIGHT_20MS[i]);
            }
            System.arraycopy(lsf, 0, lsfPrevious, 0, Dsp.ORDER);
            System.arraycopy(lsfQuantized, 0, lsfQuantizedPrevious, 0, Dsp.ORDER);
        }
    }

    private void interpolate(int subBlock, float[] q1, int q1Offset, float[] q2, int q2Offset, float[] u1, int u1Offset,
            float[] u2, int u2Offset, float weight) {
        lsfConversion.interpolateToLpc(q1, q1Offset, q2, q2Offset, weight, synthesisFilters, subBlock * LPC_LENGTH);
        lsfConversion.interpolateToLpc(u1, u1Offset, u2, u2Offset, weight, lpc, 0);
        Dsp.bandwidthExpand(weightingFilters, subBlock * LPC_LENGTH, lpc, 0, Dsp.CHIRP_WEIGHTING);
    }

    private void levinsonDurbin() {
        float[] r = autocorrelation;
        lpc[0] = 1.0f;
        if (r[0] < Dsp.EPS) {
            Arrays.fill(lpc, 1, LPC_LENGTH, 0f);
            return;
        }
        reflection[0] = -r[1] / r[0];
        lpc[1] = reflection[0];
        float alpha = r[0] + r[1] * reflection[0];
        for (int m = 1; m < Dsp.ORDER; m++) {
            float sum = r[m + 1];
            for (int i = 0; i < m; i++) {
                sum += lpc[i + 1] * r[m - i];
            }
            float k = -sum / alpha;
            reflection[m] = k;
            alpha += k * sum;
            int half = (m + 1) >> 1;
            for (int i = 0; i < half; i++) {
                float updated = lpc[i + 1] + k * lpc[m - i];
                lpc[m - i] += k * lpc[i + 1];
                lpc[i + 1] = updated;
            }
            lpc[m + 1] = k;
        }
    }

    /** Memoryless split VQ of one LSF vector (section 3.2.4), nearest neighbour in each split. */
    private void quantizeLsf(int vector) {
        int pos = vector * Dsp.ORDER;
        int codebookStart = 0;
        for (int split = 0; split < 3; split++) {
            int dimension = Tables.LSF_SPLIT_DIMENSION[split];
            int size = Tables.LSF_SPLIT_SIZE[split];
            float best = Float.MAX_VALUE;
            int bestIndex = 0;
            for (int j = 0; j < size; j++) {
                float distance = 0f;
                for (int i = 0; i < dimension; i++) {
                    float d = lsf[pos + i] - Tables.LSF_CODEBOOK[codebookStart + j * dimension + i];
                    distance += d * d;
                }
                if (distance < best) {
                    best = distance;
                    bestIndex = j;
                }
            }
            for (int i = 0; i < dimension; i++) {
                lsfQuantized[pos + i] = Tables.LSF_CODEBOOK[codebookStart + bestIndex * dimension + i];
            }
            parameters.lsfIndex[vector * 3 + split] = bestIndex;
            pos += dimension;
            codebookStart += size * dimension;
        }
    }

    private void encodeResidual() {
        int start = classify();
        int shortLength = mode.stateShortLength;
        int extraLength = Dsp.STATE_LENGTH - shortLength;

        // the scalar-coded part goes where the energy is: the first or the last 57/58 of the 80 samples
        float energyFirst = 0f;
        float energyLast = 0f;
        for (int i = 0; i < shortLength; i++) {
            float first = residual[(start - 1) * Dsp.SUBBLOCK + i];
            float last = residual[(start - 1) * Dsp.SUBBLOCK + extraLength + i];
            energyFirst += first * first;
            energyLast += last * last;
        }
        boolean stateFirst = energyFirst > energyLast;
        int startPosition = (start - 1) * Dsp.SUBBLOCK + (stateFirst ? 0 : extraLength);
        parameters.start[0] = start;
        parameters.stateFirst[0] = stateFirst ? 1 : 0;

        int filterOffset = (start - 1) * LPC_LENGTH;
        StartStateSearch.search(residual, startPosition, synthesisFilters, weightingFilters, filterOffset, shortLength,
                stateFirst, parameters, stateIn, stateOut, numerator);
        StartState.construct(parameters.scaleIndex[0], parameters.stateIndex, synthesisFilters, filterOffset,
                shortLength, decoded, startPosition, stateIn, stateOut, numerator);

        int startMemory = Tables.START_STATE_MEMORY;
        if (stateFirst) {
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - shortLength, 0f);
            System.arraycopy(decoded, startPosition, memory, CODEBOOK_MEMORY - shortLength, shortLength);
            search.search(residual, startPosition + shortLength, memory, CODEBOOK_MEMORY - startMemory, startMemory,
                    extraLength, weightingFilters, start * LPC_LENGTH, 0, parameters.startCodebookIndex,
                    parameters.startGainIndex, 0);
            Dsp.constructFromCodebook(decoded, startPosition + shortLength, parameters.startCodebookIndex,
                    parameters.startGainIndex, 0, memory, CODEBOOK_MEMORY - startMemory, startMemory, extraLength,
                    filteredScratch, vectorScratch);
        } else {
            for (int k = 0; k < extraLength; k++) {
                reversedResidual[k] = residual[(start + 1) * Dsp.SUBBLOCK - 1 - (k + shortLength)];
            }
            for (int k = 0; k < shortLength; k++) {
                memory[CODEBOOK_MEMORY - 1 - k] = decoded[startPosition + k];
            }
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - shortLength, 0f);
            search.search(reversedResidual, 0, memory, CODEBOOK_MEMORY - startMemory, startMemory, extraLength,
                    weightingFilters, (start - 1) * LPC_LENGTH, 0, parameters.startCodebookIndex,
                    parameters.startGainIndex, 0);
            Dsp.constructFromCodebook(reversedDecoded, 0, parameters.startCodebookIndex, parameters.startGainIndex, 0,
                    memory, CODEBOOK_MEMORY - startMemory, startMemory, extraLength, filteredScratch, vectorScratch);
            for (int k = 0; k < extraLength; k++) {
                decoded[startPosition - 1 - k] = reversedDecoded[k];
            }
        }

        int coded = 0;
        int forward = mode.subBlocks - start - 1;
        if (forward > 0) {
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - Dsp.STATE_LENGTH, 0f);
            System.arraycopy(decoded, (start - 1) * Dsp.SUBBLOCK, memory, CODEBOOK_MEMORY - Dsp.STATE_LENGTH,
                    Dsp.STATE_LENGTH);
            for (int block = 0; block < forward; block++) {
                int position = (start + 1 + block) * Dsp.SUBBLOCK;
                search.search(residual, position, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, weightingFilters,
                        (start + 1 + block) * LPC_LENGTH, coded + 1, parameters.codebookIndex,
                        parameters.gainIndex, coded * Dsp.STAGES);
                Dsp.constructFromCodebook(decoded, position, parameters.codebookIndex, parameters.gainIndex,
                        coded * Dsp.STAGES, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, filteredScratch, vectorScratch);
                slideMemory(decoded, position);
                coded++;
            }
        }

        int backward = start - 1;
        if (backward > 0) {
            for (int n = 0; n < backward; n++) {
                for (int k = 0; k < Dsp.SUBBLOCK; k++) {
                    reversedResidual[n * Dsp.SUBBLOCK + k] = residual[(start - 1) * Dsp.SUBBLOCK - 1 - n * Dsp.SUBBLOCK - k];
                }
            }
            int available = Math.min(Dsp.SUBBLOCK * (mode.subBlocks + 1 - start), CODEBOOK_MEMORY);
            for (int k = 0; k < available; k++) {
                memory[CODEBOOK_MEMORY - 1 - k] = decoded[(start - 1) * Dsp.SUBBLOCK + k];
            }
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - available, 0f);
            for (int block = 0; block < backward; block++) {
                int position = block * Dsp.SUBBLOCK;
                search.search(reversedResidual, position, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, weightingFilters,
                        (start - 2 - block) * LPC_LENGTH, coded + 1, parameters.codebookIndex,
                        parameters.gainIndex, coded * Dsp.STAGES);
                Dsp.constructFromCodebook(reversedDecoded, position, parameters.codebookIndex, parameters.gainIndex,
                        coded * Dsp.STAGES, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, filteredScratch, vectorScratch);
                slideMemory(reversedDecoded, position);
                coded++;
            }
        }
    }

    private void slideMemory(float[] source, int position) {
        System.arraycopy(memory, Dsp.SUBBLOCK, memory, 0, CODEBOOK_MEMORY - Dsp.SUBBLOCK);
        System.arraycopy(source, position, memory, CODEBOOK_MEMORY - Dsp.SUBBLOCK, Dsp.SUBBLOCK);
    }

    /** The pair of sub-blocks with the most (edge-tapered, centre-favoured) energy holds the start state (section 3.5.1). */
    private int classify() {
        float[] front = frontEnergy;
        float[] back = backEnergy;
        java.util.Arrays.fill(front, 0f);
        java.util.Arrays.fill(back, 0f);
        int last = mode.subBlocks - 1;
        for (int n = 0; n < mode.subBlocks; n++) {
            int base = n * Dsp.SUBBLOCK;
            for (int l = 0; l < Dsp.SUBBLOCK; l++) {
                float energy = residual[base + l] * residual[base + l];
                if (n < last) {
                    front[n] += l < 5 ? EDGE_TAPER[l] * energy : energy;
                }
                if (n > 0) {
                    back[n] += l >= Dsp.SUBBLOCK - 5 ? EDGE_TAPER[Dsp.SUBBLOCK - l - 1] * energy : energy;
                }
            }
        }
        int weightIndex = mode == IlbcMode.MODE_20 ? 1 : 0;
        float best = (front[0] + back[1]) * CENTRE_WEIGHT[weightIndex];
        int bestStart = 1;
        for (int n = 2; n < mode.subBlocks; n++) {
            weightIndex++;
            float candidate = (front[n - 1] + back[n]) * CENTRE_WEIGHT[weightIndex];
            if (candidate > best) {
                best = candidate;
                bestStart = n;
            }
        }
        return bestStart;
    }
}

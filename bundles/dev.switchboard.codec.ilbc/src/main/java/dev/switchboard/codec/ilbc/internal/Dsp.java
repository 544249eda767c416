package dev.switchboard.codec.ilbc.internal;

/**
 * Signal-processing building blocks shared by the iLBC encoder and decoder (RFC 3951 sections 3 and
 * 4): LPC filters, LSF conversion and quantisation, and codebook vector construction. Everything works
 * in single precision as the RFC's reference does, so results track it closely. Arrays are passed with
 * explicit offsets; a filter's state lives in the {@code ORDER} samples before its offset.
 */
final class Dsp {

    static final int ORDER = 10;
    static final int SUBBLOCK = 40;
    static final int STATE_LENGTH = 80;
    static final int STAGES = 3;
    static final float CB_MAX_GAIN = 1.3f;
    static final float CHIRP_SYNTHESIS = 0.9025f;
    static final float CHIRP_WEIGHTING = 0.4222f;
    static final float EPS = 2.220446049250313e-016f;
    private static final int CB_HALF_FILTER = 4;
    private static final int CB_FILTER_LENGTH = 2 * CB_HALF_FILTER;

    private Dsp() {
    }

    /** All-pole filter in place over {@code data[offset..offset+length)}, state in the samples before. */
    static void allPole(float[] data, int offset, float[] a, int aOffset, int length) {
        for (int n = offset; n < offset + length; n++) {
            float sample = data[n];
            for (int k = 1; k <= ORDER; k++) {
                sample -= a[aOffset + k] * data[n - k];
            }
            data[n] = sample;
        }
    }

    /** All-zero filter: {@code out[n] = sum b[k] in[n-k]}, input history in the samples before {@code inOffset}. */
    static void allZero(float[] in, int inOffset, float[] b, int length, float[] out, int outOffset) {
        for (int n = 0; n < length; n++) {
            float sum = b[0] * in[inOffset + n];
            for (int k = 1; k <= ORDER; k++) {
                sum += b[k] * in[inOffset + n - k];
            }
            out[outOffset + n] = sum;
        }
    }

    /**
     * The start state's all-pass filtering (sections 3.5.1 and 4.2): zero-pole filter with the time-reversed
     * synthesis polynomial as numerator, run over {@code 2 * length} samples from zero state.
     * {@code in} holds the samples at {@code ORDER..ORDER+2*length}; the result lands in {@code out} at the same place.
     * {@code numerator} is scratch of {@code ORDER + 1}.
     */
    static void allPassFromZeroState(float[] in, float[] a, int aOffset, int length, float[] out, float[] numerator) {
        for (int k = 0; k < ORDER; k++) {
            numerator[k] = a[aOffset + ORDER - k];
        }
        numerator[ORDER] = a[aOffset];
        java.util.Arrays.fill(in, 0, ORDER, 0f);
        java.util.Arrays.fill(out, 0, ORDER, 0f);
        allZero(in, ORDER, numerator, 2 * length, out, ORDER);
        allPole(out, ORDER, a, aOffset, 2 * length);
    }

    /** LP synthesis of one block in place, with a separate 10-sample memory (section 4.7). */
    static void synthesize(float[] data, int offset, float[] a, int aOffset, int length, float[] memory) {
        for (int i = 0; i < length; i++) {
            float sample = data[offset + i];
            for (int k = 1; k <= ORDER; k++) {
                int past = i - k;
                sample -= a[aOffset + k] * (past >= 0 ? data[offset + past] : memory[ORDER + past]);
            }
            data[offset + i] = sample;
        }
        System.arraycopy(data, offset + length - ORDER, memory, 0, ORDER);
    }

    /** LP analysis (inverse) filter of one block, with a separate 10-sample input memory (section 3.4). */
    static void analyze(float[] in, int inOffset, float[] a, int aOffset, int length, float[] out, int outOffset,
            float[] memory) {
        for (int i = 0; i < length; i++) {
            float sum = 0f;
            for (int k = 0; k <= ORDER; k++) {
                int past = i - k;
                sum += a[aOffset + k] * (past >= 0 ? in[inOffset + past] : memory[ORDER + past]);
            }
            out[outOffset + i] = sum;
        }
        System.arraycopy(in, inOffset + length - ORDER, memory, 0, ORDER);
    }

    /** Second-order high-pass section as the RFC runs it: zeros over the block first, then poles. */
    static void highPass(float[] in, int inOffset, int length, float[] out, int outOffset, float[] zeros, float[] poles,
            float[] memory) {
        for (int i = 0; i < length; i++) {
            float x = in[inOffset + i];
            out[outOffset + i] = zeros[0] * x + zeros[1] * memory[0] + zeros[2] * memory[1];
            memory[1] = memory[0];
            memory[0] = x;
        }
        for (int i = 0; i < length; i++) {
            float y = out[outOffset + i] - poles[1] * memory[2] - poles[2] * memory[3];
            memory[3] = memory[2];
            memory[2] = y;
            out[outOffset + i] = y;
        }
    }

    static void bandwidthExpand(float[] out, int outOffset, float[] in, int inOffset, float chirp) {
        float factor = chirp;
        out[outOffset] = in[inOffset];
        for (int i = 1; i <= ORDER; i++) {
            out[outOffset + i] = factor * in[inOffset + i];
            factor *= chirp;
        }
    }

    /** Keeps quantised LSFs ordered, apart and in range so the synthesis filter stays stable (section 3.2.5). */
    static void stabilizeLsf(float[] lsf, int vectors) {
        final float minimumDistance = 0.039f;
        final float push = 0.0195f;
        final float maximum = 3.14f;
        final float minimum = 0.01f;
        for (int pass = 0; pass < 2; pass++) {
            for (int m = 0; m < vectors; m++) {
                for (int k = 0; k < ORDER - 1; k++) {
                    int pos = m * ORDER + k;
                    if (lsf[pos + 1] - lsf[pos] < minimumDistance) {
                        if (lsf[pos + 1] < lsf[pos]) {
                            lsf[pos + 1] = lsf[pos] + push;
                            lsf[pos] = lsf[pos + 1] - push;
                        } else {
                            lsf[pos] -= push;
                            lsf[pos + 1] += push;
                        }
                    }
                    if (lsf[pos] < minimum) {
                        lsf[pos] = minimum;
                    }
                    if (lsf[pos] > maximum) {
                        lsf[pos] = maximum;
                    }
                }
            }
        }
    }

    /** Dequantises split-VQ LSF indices ({@code 3 * vectors} of them). */
    static void dequantizeLsf(int[] index, int vectors, float[] lsf) {
        for (int v = 0; v < vectors; v++) {
            int pos = 0;
            int codebookStart = 0;
            for (int split = 0; split < 3; split++) {
                int dimension = Tables.LSF_SPLIT_DIMENSION[split];
                for (int j = 0; j < dimension; j++) {
                    lsf[v * ORDER + pos + j] = Tables.LSF_CODEBOOK[codebookStart + index[v * 3 + split] * dimension + j];
                }
                pos += dimension;
                codebookStart += Tables.LSF_SPLIT_SIZE[split] * dimension;
            }
        }
    }

    /** Gain of stage {@code stage} from its index; later stages scale by the previous stage's magnitude. */
    static float dequantizeGain(int index, float previousGain, int stage) {
        float scale = Math.max(Math.abs(previousGain), 0.1f);
        return scale * gainTable(stage)[index];
    }

    static float[] gainTable(int stage) {
        return switch (stage) {
            case 0 -> Tables.GAIN_SQ5;
            case 1 -> Tables.GAIN_SQ4;
            default -> Tables.GAIN_SQ3;
        };
    }

    /** The codebook section sizes: indices below {@code baseSize} read memory directly, the rest a filtered copy. */
    static int codebookBaseSize(int memoryLength, int vectorLength) {
        int size = memoryLength - vectorLength + 1;
        return vectorLength == SUBBLOCK ? size + vectorLength / 2 : size;
    }

    /** The codebook memory run through the expansion filter (section 3.6.3), aligned with the memory. */
    static void filterCodebookMemory(float[] memory, int offset, int length, float[] filtered) {
        for (int k = 0; k < length; k++) {
            float sum = 0f;
            for (int j = 0; j < CB_FILTER_LENGTH; j++) {
                int m = k + j - (CB_HALF_FILTER - 1);
                if (m >= 0 && m < length) {
                    sum += memory[offset + m] * Tables.CB_FILTER[CB_FILTER_LENGTH - 1 - j];
                }
            }
            filtered[k] = sum;
        }
    }

    /**
     * Codebook vector {@code index} (section 3.6.3): within each section, the first vectors are plain
     * segments of the memory ending {@code index} samples before its end; the last 20 of a 40-sample
     * codebook are "augmented" vectors that repeat a short lag, with a 5-sample linear crossfade.
     */
    static void codebookVector(float[] memory, int memoryOffset, float[] filtered, int index, int memoryLength,
            int vectorLength, float[] out, int outOffset) {
        int baseSize = codebookBaseSize(memoryLength, vectorLength);
        float[] source = memory;
        int sourceOffset = memoryOffset;
        int position = index;
        if (index >= baseSize) {
            source = filtered;
            sourceOffset = 0;
            position = index - baseSize;
        }
        int plainVectors = memoryLength - vectorLength + 1;
        if (position < plainVectors) {
            System.arraycopy(source, sourceOffset + memoryLength - vectorLength - position, out, outOffset, vectorLength);
        } else {
            int lag = position - plainVectors + vectorLength / 2;
            augmentedVector(source, sourceOffset + memoryLength, lag, out, outOffset);
        }
    }

    /** The augmented vector for a lag of 20..39 samples, from the memory ending at {@code end}. */
    static void augmentedVector(float[] source, int end, int lag, float[] out, int outOffset) {
        int crossfadeStart = lag - 5;
        for (int j = 0; j < crossfadeStart; j++) {
            out[outOffset + j] = source[end - lag + j];
        }
        float alpha = 0f;
        for (int j = crossfadeStart; j < lag; j++) {
            out[outOffset + j] = (1.0f - alpha) * source[end - lag + j] + alpha * source[end - 2 * lag + j];
            alpha += 0.2f;
        }
        for (int j = lag; j < SUBBLOCK; j++) {
            out[outOffset + j] = source[end - 2 * lag + j];
        }
    }

    /** Rebuilds a residual segment from its three codebook stages (section 4.3). */
    static void constructFromCodebook(float[] out, int outOffset, int[] index, int[] gainIndex, int indexOffset,
            float[] memory, int memoryOffset, int memoryLength, int vectorLength, float[] filteredScratch,
            float[] vectorScratch) {
        boolean filteredReady = false;
        int baseSize = codebookBaseSize(memoryLength, vectorLength);
        java.util.Arrays.fill(out, outOffset, outOffset + vectorLength, 0f);
        float gain = 1.0f;
        for (int stage = 0; stage < STAGES; stage++) {
            gain = dequantizeGain(gainIndex[indexOffset + stage], gain, stage);
            int cbIndex = index[indexOffset + stage];
            if (cbIndex >= baseSize && !filteredReady) {
                filterCodebookMemory(memory, memoryOffset, memoryLength, filteredScratch);
                filteredReady = true;
            }
            codebookVector(memory, memoryOffset, filteredScratch, cbIndex, memoryLength, vectorLength, vectorScratch, 0);
            for (int j = 0; j < vectorLength; j++) {
                out[outOffset + j] += gain * vectorScratch[j];
            }
        }
    }

    /** Normalised cross-correlation measure used for lag searches: (x.y)^2 / (y.y) when x.y is positive. */
    static float correlationMeasure(float[] data, int targetOffset, int regressorOffset, int length) {
        float cross = 0f;
        float energy = 0f;
        for (int i = 0; i < length; i++) {
            cross += data[targetOffset + i] * data[regressorOffset + i];
            energy += data[regressorOffset + i] * data[regressorOffset + i];
        }
        return cross > 0f ? cross * cross / energy : 0f;
    }

    /** Rounds and saturates to 16 bits. */
    static short toPcm(float value) {
        float rounded = Math.round(value);
        return (short) Math.max(-32768f, Math.min(32767f, rounded));
    }
}

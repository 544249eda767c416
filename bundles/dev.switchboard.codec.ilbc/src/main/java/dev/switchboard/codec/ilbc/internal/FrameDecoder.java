package dev.switchboard.codec.ilbc.internal;

import java.util.Arrays;

/**
 * Decodes a stream of iLBC frames of one mode (RFC 3951 section 4): LSF dequantisation and
 * interpolation, start-state and codebook reconstruction of the residual, LP synthesis and the output
 * high-pass filter, with the codec's own packet-loss concealment for missing or corrupt frames
 * (section 4.5). The optional enhancer of section 4.6 is not run, as in ffmpeg's decoder, so our output
 * follows the same signal path as the decoder we are compared with.
 */
final class FrameDecoder {

    private static final int LPC_LENGTH = Dsp.ORDER + 1;
    private static final int CODEBOOK_MEMORY = Tables.SUBBLOCK_MEMORY;
    private static final int MAX_BLOCK = 240;

    private final IlbcMode mode;
    private final FrameParameters parameters = new FrameParameters();
    private final PacketLossConcealment concealment;
    private final LsfConversion lsfConversion = new LsfConversion();

    private final float[] lsfPrevious = new float[Dsp.ORDER];
    private final float[] synthesisMemory = new float[Dsp.ORDER];
    private final float[] highPassMemory = new float[4];
    private int lastLag = 20;

    private final float[] lsf = new float[2 * Dsp.ORDER];
    private final float[] synthesisFilters = new float[6 * LPC_LENGTH];
    private final float[] residual = new float[MAX_BLOCK];
    private final float[] reversed = new float[MAX_BLOCK];
    private final float[] memory = new float[CODEBOOK_MEMORY];
    private final float[] filteredScratch = new float[CODEBOOK_MEMORY];
    private final float[] vectorScratch = new float[Dsp.SUBBLOCK];
    private final float[] stateIn = new float[Dsp.ORDER + 2 * Dsp.STATE_LENGTH];
    private final float[] stateOut = new float[Dsp.ORDER + 2 * Dsp.STATE_LENGTH];
    private final float[] numerator = new float[LPC_LENGTH];
    private final float[] speech = new float[MAX_BLOCK];
    private final float[] output = new float[MAX_BLOCK];

    FrameDecoder(IlbcMode mode) {
        this.mode = mode;
        this.concealment = new PacketLossConcealment(mode.blockLength);
        reset();
    }

    IlbcMode mode() {
        return mode;
    }

    void reset() {
        System.arraycopy(Tables.LSF_MEAN, 0, lsfPrevious, 0, Dsp.ORDER);
        Arrays.fill(synthesisMemory, 0f);
        Arrays.fill(highPassMemory, 0f);
        lastLag = 20;
        concealment.reset();
    }

    /** Decodes one frame of {@code mode.bytes} bytes, concealing it if the frame marks itself unusable. */
    void decode(byte[] payload, int offset, short[] pcm, int pcmOffset) {
        if (parameters.unpack(mode, payload, offset)) {
            parameters.expandFirstSubBlockIndices();
            decodeLpc();
            decodeResidual();
            concealment.remember(residual, synthesisFilters, (mode.subBlocks - 1) * LPC_LENGTH);
            synthesize(pcm, pcmOffset);
        } else {
            conceal(pcm, pcmOffset);
        }
    }

    /** Produces one frame of concealment for a frame that never arrived. */
    void conceal(short[] pcm, int pcmOffset) {
        float[] lpc = concealment.conceal(residual, lastLag);
        for (int i = 0; i < mode.subBlocks; i++) {
            System.arraycopy(lpc, 0, synthesisFilters, i * LPC_LENGTH, LPC_LENGTH);
        }
        synthesize(pcm, pcmOffset);
    }

    private void decodeLpc() {
        Dsp.dequantizeLsf(parameters.lsfIndex, mode.lsfVectors, lsf);
        Dsp.stabilizeLsf(lsf, mode.lsfVectors);
        if (mode == IlbcMode.MODE_30) {
            lsfConversion.interpolateToLpc(lsfPrevious, 0, lsf, 0, Tables.LSF_WEIGHT_30MS[0], synthesisFilters, 0);
            for (int i = 1; i < mode.subBlocks; i++) {
                lsfConversion.interpolateToLpc(lsf, 0, lsf, Dsp.ORDER, Tables.LSF_WEIGHT_30MS[i], synthesisFilters, i * LPC_LENGTH);
            }
            System.arraycopy(lsf, Dsp.ORDER, lsfPrevious, 0, Dsp.ORDER);
        } else {
            for (int i = 0; i < mode.subBlocks; i++) {
                lsfConversion.interpolateToLpc(lsfPrevious, 0, lsf, 0, Tables.LSF_WEIGHT_20MS[i], synthesisFilters, i * LPC_LENGTH);
            }
            System.arraycopy(lsf, 0, lsfPrevious, 0, Dsp.ORDER);
        }
    }

    /** Rebuilds the excitation: start state first, then forwards and backwards from it (section 4.3-4.4). */
    private void decodeResidual() {
        int start = parameters.start[0];
        boolean stateFirst = parameters.stateFirst[0] == 1;
        int shortLength = mode.stateShortLength;
        int extraLength = Dsp.STATE_LENGTH - shortLength;
        int startPosition = (start - 1) * Dsp.SUBBLOCK + (stateFirst ? 0 : extraLength);

        StartState.construct(parameters.scaleIndex[0], parameters.stateIndex, synthesisFilters,
                (start - 1) * LPC_LENGTH, shortLength, residual, startPosition, stateIn, stateOut, numerator);

        int startMemory = Tables.START_STATE_MEMORY;
        if (stateFirst) {
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - shortLength, 0f);
            System.arraycopy(residual, startPosition, memory, CODEBOOK_MEMORY - shortLength, shortLength);
            Dsp.constructFromCodebook(residual, startPosition + shortLength, parameters.startCodebookIndex,
                    parameters.startGainIndex, 0, memory, CODEBOOK_MEMORY - startMemory, startMemory, extraLength,
                    filteredScratch, vectorScratch);
        } else {
            for (int k = 0; k < shortLength; k++) {
                memory[CODEBOOK_MEMORY - 1 - k] = residual[startPosition + k];
            }
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - shortLength, 0f);
            Dsp.constructFromCodebook(reversed, 0, parameters.startCodebookIndex, parameters.startGainIndex, 0,
                    memory, CODEBOOK_MEMORY - startMemory, startMemory, extraLength, filteredScratch, vectorScratch);
            for (int k = 0; k < extraLength; k++) {
                residual[startPosition - 1 - k] = reversed[k];
            }
        }

        int coded = 0;
        int forward = mode.subBlocks - start - 1;
        if (forward > 0) {
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - Dsp.STATE_LENGTH, 0f);
            System.arraycopy(residual, (start - 1) * Dsp.SUBBLOCK, memory, CODEBOOK_MEMORY - Dsp.STATE_LENGTH,
                    Dsp.STATE_LENGTH);
            for (int block = 0; block < forward; block++) {
                int position = (start + 1 + block) * Dsp.SUBBLOCK;
                Dsp.constructFromCodebook(residual, position, parameters.codebookIndex, parameters.gainIndex,
                        coded * Dsp.STAGES, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, filteredScratch, vectorScratch);
                slideMemory(residual, position);
                coded++;
            }
        }

        int backward = start - 1;
        if (backward > 0) {
            int available = Math.min(Dsp.SUBBLOCK * (mode.subBlocks + 1 - start), CODEBOOK_MEMORY);
            for (int k = 0; k < available; k++) {
                memory[CODEBOOK_MEMORY - 1 - k] = residual[(start - 1) * Dsp.SUBBLOCK + k];
            }
            Arrays.fill(memory, 0, CODEBOOK_MEMORY - available, 0f);
            for (int block = 0; block < backward; block++) {
                int position = block * Dsp.SUBBLOCK;
                Dsp.constructFromCodebook(reversed, position, parameters.codebookIndex, parameters.gainIndex,
                        coded * Dsp.STAGES, memory, 0, CODEBOOK_MEMORY, Dsp.SUBBLOCK, filteredScratch, vectorScratch);
                slideMemory(reversed, position);
                coded++;
            }
            for (int i = 0; i < Dsp.SUBBLOCK * backward; i++) {
                residual[Dsp.SUBBLOCK * backward - i - 1] = reversed[i];
            }
        }
    }

    private void slideMemory(float[] source, int position) {
        System.arraycopy(memory, Dsp.SUBBLOCK, memory, 0, CODEBOOK_MEMORY - Dsp.SUBBLOCK);
        System.arraycopy(source, position, memory, CODEBOOK_MEMORY - Dsp.SUBBLOCK, Dsp.SUBBLOCK);
    }

    private void synthesize(short[] pcm, int pcmOffset) {
        int blockLength = mode.blockLength;
        // the pitch lag the concealment starts from if the next frame is lost (section 4.5, no enhancer)
        int targetStart = blockLength - 80;
        int maximumLag = Math.min(119, targetStart);
        int lag = 20;
        float best = Dsp.correlationMeasure(residual, targetStart, targetStart - lag, 80);
        for (int candidate = 21; candidate <= maximumLag; candidate++) {
            float measure = Dsp.correlationMeasure(residual, targetStart, targetStart - candidate, 80);
            if (measure > best) {
                best = measure;
                lag = candidate;
            }
        }
        lastLag = lag;
        System.arraycopy(residual, 0, speech, 0, blockLength);
        for (int i = 0; i < mode.subBlocks; i++) {
            Dsp.synthesize(speech, i * Dsp.SUBBLOCK, synthesisFilters, i * LPC_LENGTH, Dsp.SUBBLOCK, synthesisMemory);
        }
        Dsp.highPass(speech, 0, blockLength, output, 0, Tables.HP_OUT_ZEROS, Tables.HP_OUT_POLES, highPassMemory);
        for (int i = 0; i < blockLength; i++) {
            pcm[pcmOffset + i] = Dsp.toPcm(output[i]);
        }
    }
}

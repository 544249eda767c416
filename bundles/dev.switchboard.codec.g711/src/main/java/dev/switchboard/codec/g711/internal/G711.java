package dev.switchboard.codec.g711.internal;

import java.util.function.IntUnaryOperator;

/**
 * ITU-T G.711 companding of 16-bit linear PCM, by table: 256-entry expansion tables, and
 * compression tables indexed by the sample at 14-bit resolution. Compression picks the code whose
 * reconstruction value is nearest, symmetrically for both signs — the quantiser ffmpeg's
 * {@code pcm_mulaw}/{@code pcm_alaw} use, which the project is required to match bit for bit (the
 * G.191 reference differs by one step for some negative A-law inputs, as it works in ones'
 * complement).
 */
final class G711 {

    private static final int MU_LAW_BIAS = 0x84;
    /** XOR turning a magnitude level (0 = smallest) into the positive µ-law code word on the line. */
    private static final int MU_LAW_POSITIVE = 0xFF;
    /** Even bits of A-law code words are inverted on the line (G.711 §2); the sign bit set is positive. */
    private static final int A_LAW_POSITIVE = 0xD5;
    private static final int SIGN = 0x80;
    private static final int LEVELS = 128;
    private static final int HALF_RANGE = 1 << 13;

    private static final short[] MU_LAW_TO_LINEAR = new short[256];
    private static final short[] A_LAW_TO_LINEAR = new short[256];
    private static final byte[] LINEAR_TO_MU_LAW = new byte[2 * HALF_RANGE];
    private static final byte[] LINEAR_TO_A_LAW = new byte[2 * HALF_RANGE];

    static {
        for (int code = 0; code < 256; code++) {
            MU_LAW_TO_LINEAR[code] = (short) expandMuLaw(code);
            A_LAW_TO_LINEAR[code] = (short) expandALaw(code);
        }
        fillCompression(LINEAR_TO_MU_LAW, MU_LAW_POSITIVE, level -> expandMuLaw(level ^ MU_LAW_POSITIVE));
        fillCompression(LINEAR_TO_A_LAW, A_LAW_POSITIVE, level -> expandALaw(level ^ A_LAW_POSITIVE));
    }

    private G711() {
    }

    static byte linearToMuLaw(short sample) {
        return LINEAR_TO_MU_LAW[(sample + 32768) >> 2];
    }

    static short muLawToLinear(byte code) {
        return MU_LAW_TO_LINEAR[code & 0xFF];
    }

    static byte linearToALaw(short sample) {
        return LINEAR_TO_A_LAW[(sample + 32768) >> 2];
    }

    static short aLawToLinear(byte code) {
        return A_LAW_TO_LINEAR[code & 0xFF];
    }

    /**
     * Entry {@code HALF_RANGE + m} holds the positive code for magnitude {@code m} (in 14-bit units),
     * entry {@code HALF_RANGE - m} the negative one: a level covers magnitudes up to the rounded
     * midpoint between its reconstruction value and the next one's.
     */
    private static void fillCompression(byte[] table, int positive, IntUnaryOperator levelValue) {
        int level = 0;
        for (int magnitude = 0; magnitude < HALF_RANGE; magnitude++) {
            while (level < LEVELS - 1
                    && magnitude >= (levelValue.applyAsInt(level) + levelValue.applyAsInt(level + 1) + 4) >> 3) {
                level++;
            }
            table[HALF_RANGE + magnitude] = (byte) (level ^ positive);
            if (magnitude > 0) {
                table[HALF_RANGE - magnitude] = (byte) (level ^ positive ^ SIGN);
            }
        }
        // the one 14-bit value below -8191 steps: full scale, as its neighbour
        table[0] = table[1];
    }

    /** µ-law code words are inverted on the line; segments double in step size from a bias of 132. */
    private static int expandMuLaw(int code) {
        int inverted = ~code & 0xFF;
        int magnitude = (((inverted & 0x0F) << 3) + MU_LAW_BIAS) << ((inverted & 0x70) >> 4);
        return (inverted & SIGN) != 0 ? MU_LAW_BIAS - magnitude : magnitude - MU_LAW_BIAS;
    }

    /** A-law segments 0 and 1 share one step size; each later segment doubles it. */
    private static int expandALaw(int code) {
        int line = code ^ (A_LAW_POSITIVE ^ SIGN);
        int segment = (line & 0x70) >> 4;
        int magnitude = ((line & 0x0F) << 4) + (segment == 0 ? 8 : 0x108);
        if (segment > 1) {
            magnitude <<= segment - 1;
        }
        return (line & SIGN) != 0 ? magnitude : -magnitude;
    }
}

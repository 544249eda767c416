package dev.switchboard.protocol.iax2.internal;

/** G.711 µ-law for checking audio on the wire in tests (ITU-T G.711, the usual bias-33 form). */
final class MuLaw {
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    static byte encode(int sample) {
        int sign = sample < 0 ? 0x80 : 0;
        int magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | exponent << 4 | mantissa);
    }

    static int decode(byte code) {
        int value = ~code & 0xff;
        int magnitude = (((value & 0x0f) << 3) + BIAS) << ((value >> 4) & 0x07);
        return (value & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS;
    }

    /** Power of {@code frequency} relative to the signal's total power (Goertzel), 0..1. */
    static double share(short[] samples, int count, double frequency, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double previous = 0;
        double beforePrevious = 0;
        double total = 0;
        for (int i = 0; i < count; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
            total += (double) samples[i] * samples[i];
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        return total == 0 ? 0 : 2 * power / (count * total);
    }
}

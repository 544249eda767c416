package dev.switchboard.media.internal.rtp;

/** Comparisons of RTP's 16-bit sequence numbers and 32-bit timestamps, which wrap around. */
public final class Wraparound {

    private Wraparound() {
    }

    /** {@code later - earlier} as the shortest signed distance modulo 2^16: 1 from 65535 to 0. */
    public static int sequenceDistance(int later, int earlier) {
        return (short) (later - earlier);
    }

    /** {@code later - earlier} as the shortest signed distance modulo 2^32. */
    public static long timestampDistance(long later, long earlier) {
        return (int) (later - earlier);
    }
}

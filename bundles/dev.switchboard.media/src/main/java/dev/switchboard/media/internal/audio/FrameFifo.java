package dev.switchboard.media.internal.audio;

/**
 * A queue of samples between a resampler, which produces a varying number per call, and a stream
 * that hands out exact frames.
 */
public final class FrameFifo {

    private short[] samples;
    private int start;
    private int length;

    public FrameFifo(int capacity) {
        samples = new short[capacity];
    }

    public int size() {
        return length;
    }

    public void add(short[] from, int offset, int count) {
        if (start + length + count > samples.length) {
            System.arraycopy(samples, start, samples, 0, length);
            start = 0;
            if (length + count > samples.length) {
                short[] larger = new short[Math.max(samples.length * 2, length + count)];
                System.arraycopy(samples, 0, larger, 0, length);
                samples = larger;
            }
        }
        System.arraycopy(from, offset, samples, start + length, count);
        length += count;
    }

    /** Moves {@code count} samples (at most {@link #size()}) into {@code to}. */
    public void take(short[] to, int offset, int count) {
        System.arraycopy(samples, start, to, offset, count);
        start += count;
        length -= count;
    }
}

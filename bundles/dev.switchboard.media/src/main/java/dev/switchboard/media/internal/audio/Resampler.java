package dev.switchboard.media.internal.audio;

/**
 * Streaming rational-ratio resampler (polyphase windowed sinc), for devices or files whose rate is
 * not the codec's: 8, 16 and 48 kHz convert with small integer ratios. The low-pass cut-off sits
 * below the lower of the two Nyquist frequencies so that downsampling does not alias; the filter is
 * longer in proportion when downsampling, so that its transition band stays as narrow at the output.
 * Output lags the input by {@link #delay()} input samples (2 ms).
 */
public final class Resampler {

    private static final int HALF_TAPS_PER_RATIO = 16;
    private static final double PASSBAND = 0.9;

    private final int up;
    private final int down;
    private final int halfTaps;
    private final float[][] phases;
    private float[] history;
    /** Stream index of {@code history[0]}; the stream starts with {@link #halfTaps} zeros before sample 0. */
    private long historyStart;
    private int historyLength;
    private long produced;

    public Resampler(int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("rates must be positive: " + fromRate + " -> " + toRate);
        }
        int common = gcd(fromRate, toRate);
        this.up = toRate / common;
        this.down = fromRate / common;
        this.halfTaps = HALF_TAPS_PER_RATIO * Math.max(1, (down + up - 1) / up);
        this.phases = kernel(up, down, halfTaps);
        this.history = new float[4 * halfTaps + 1024];
        this.historyStart = -halfTaps;
        this.historyLength = halfTaps;
    }

    /** Input samples the output lags behind; feed this many more to flush the end of a stream. */
    public int delay() {
        return halfTaps;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Taps of each phase, normalised to unit gain at 0 Hz. */
    private static float[][] kernel(int up, int down, int halfTaps) {
        double cutoff = PASSBAND * Math.min(1.0, (double) up / down);
        float[][] taps = new float[up][2 * halfTaps];
        for (int phase = 0; phase < up; phase++) {
            double sum = 0;
            double[] values = new double[2 * halfTaps];
            for (int k = 0; k < 2 * halfTaps; k++) {
                double distance = (double) phase / up - (k - halfTaps + 1);
                double x = Math.PI * cutoff * distance;
                double sinc = x == 0 ? 1 : Math.sin(x) / x;
                double window = blackman(distance / halfTaps);
                values[k] = cutoff * sinc * window;
                sum += values[k];
            }
            for (int k = 0; k < values.length; k++) {
                taps[phase][k] = (float) (values[k] / sum);
            }
        }
        return taps;
    }

    /** Blackman window over [-1, 1]. */
    private static double blackman(double position) {
        if (Math.abs(position) >= 1) {
            return 0;
        }
        double angle = Math.PI * (position + 1);
        return 0.42 - 0.5 * Math.cos(angle) + 0.08 * Math.cos(2 * angle);
    }

    /** Output samples that {@code inputSamples} more input can produce at most. */
    public int maxOutput(int inputSamples) {
        return (int) (((long) inputSamples * up + down - 1) / down) + 1;
    }

    /**
     * Feeds {@code length} samples and writes every output sample they complete.
     *
     * @return the number of samples written to {@code out}
     */
    public int process(short[] in, int offset, int length, short[] out, int outOffset) {
        append(in, offset, length);
        long available = historyStart + historyLength;
        int written = 0;
        while (true) {
            long numerator = produced * down;
            long base = Math.floorDiv(numerator, up);
            if (base + halfTaps >= available) {
                break;
            }
            float[] taps = phases[(int) (numerator - base * up)];
            int first = (int) (base - halfTaps + 1 - historyStart);
            float sum = 0;
            for (int k = 0; k < taps.length; k++) {
                sum += taps[k] * history[first + k];
            }
            out[outOffset + written++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
            produced++;
        }
        discardUnneeded();
        return written;
    }

    private void append(short[] in, int offset, int length) {
        if (historyLength + length > history.length) {
            float[] larger = new float[Math.max(history.length * 2, historyLength + length)];
            System.arraycopy(history, 0, larger, 0, historyLength);
            history = larger;
        }
        for (int i = 0; i < length; i++) {
            history[historyLength + i] = in[offset + i];
        }
        historyLength += length;
    }

    private void discardUnneeded() {
        long nextBase = Math.floorDiv(produced * down, up);
        int unneeded = (int) Math.max(0, nextBase - halfTaps + 1 - historyStart);
        if (unneeded > 0) {
            System.arraycopy(history, unneeded, history, 0, historyLength - unneeded);
            historyLength -= unneeded;
            historyStart += unneeded;
        }
    }
}

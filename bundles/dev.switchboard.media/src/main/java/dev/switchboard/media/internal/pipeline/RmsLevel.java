package dev.switchboard.media.internal.pipeline;

/**
 * RMS level in dBFS, over everything added ({@link #totalDbfs()}) and over the last
 * {@value #WINDOW_FRAMES} frames ({@link #recentDbfs()}, ~100 ms at 20 ms frames, what a meter shows).
 * Written by one thread; {@link #recentDbfs()} may be read from any.
 */
public final class RmsLevel {

    static final int WINDOW_FRAMES = 5;

    private final double[] frameEnergy = new double[WINDOW_FRAMES];
    private final int[] frameSamples = new int[WINDOW_FRAMES];
    private int next;
    private double totalEnergy;
    private long totalSamples;
    private volatile double recent = Double.NEGATIVE_INFINITY;

    public void add(short[] pcm, int offset, int count) {
        double energy = 0;
        for (int i = offset; i < offset + count; i++) {
            energy += (double) pcm[i] * pcm[i];
        }
        frameEnergy[next] = energy;
        frameSamples[next] = count;
        next = (next + 1) % WINDOW_FRAMES;
        totalEnergy += energy;
        totalSamples += count;
        double windowEnergy = 0;
        long windowSamples = 0;
        for (int i = 0; i < WINDOW_FRAMES; i++) {
            windowEnergy += frameEnergy[i];
            windowSamples += frameSamples[i];
        }
        recent = dbfs(windowEnergy, windowSamples);
    }

    public double recentDbfs() {
        return recent;
    }

    public double totalDbfs() {
        return dbfs(totalEnergy, totalSamples);
    }

    /** Forgets the recent window (after hold or a device change the meter starts from silence). */
    public void clearRecent() {
        java.util.Arrays.fill(frameEnergy, 0);
        recent = Double.NEGATIVE_INFINITY;
    }

    static double dbfs(double energy, long samples) {
        double rms = samples == 0 ? 0 : Math.sqrt(energy / samples);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / 32768);
    }
}

package dev.switchboard.ui.accounts;

/**
 * Turns 16-bit PCM into what a level meter shows: the RMS level of a frame in dB relative to full
 * scale, and that level as a bar from -60 dBFS (empty: quieter than a quiet room through a headset)
 * to 0 dBFS (full).
 */
final class LevelMeter {

    static final double FLOOR_DBFS = -60;

    private LevelMeter() {
    }

    /** RMS of the first {@code samples} samples in dBFS; negative infinity for digital silence. */
    static double dbfs(short[] frame, int samples) {
        if (samples <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double sample = frame[i] / 32768.0;
            sum += sample * sample;
        }
        return sum == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(sum / samples);
    }

    /** The bar's filling, 0-100. */
    static int percent(double dbfs) {
        if (Double.isNaN(dbfs) || dbfs <= FLOOR_DBFS) {
            return 0;
        }
        return (int) Math.round(Math.min(100, (dbfs - FLOOR_DBFS) * 100 / -FLOOR_DBFS));
    }

    /** "-23 dBFS", or "silence". */
    static String words(double dbfs) {
        return Double.isInfinite(dbfs) ? "silence" : Math.round(dbfs) + " dBFS";
    }
}

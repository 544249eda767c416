package dev.switchboard.ui.accounts;

/**
 * Turns 16-bit PCM into what a level meter shows: the RMS level of a frame in dB relative to full
 * scale, which {@link dev.switchboard.ui.LevelBar} draws.
 */
final class LevelMeter {

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
}

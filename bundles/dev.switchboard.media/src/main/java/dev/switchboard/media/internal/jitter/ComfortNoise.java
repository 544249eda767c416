package dev.switchboard.media.internal.jitter;

/**
 * Comfort noise for the pauses between talk spurts. A sender using discontinuous transmission (Opus
 * DTX, or VAD with G.711) stops sending while its microphone only hears background noise; playing
 * digital silence then makes the call sound dead and the next spurt start with a jump. The level is
 * the quietest of the last few decoded frames, and only when they were background (at most
 * {@value #MAX_BACKGROUND_RMS} RMS, about -36 dBFS): a spurt that ends on speech is a loss or a hang-up,
 * not a pause, and is followed by silence. The noise is white noise through a one-pole low-pass,
 * faded in over one frame. A sender that signals its noise level with RFC 3389 packets is played at that
 * level instead. Nothing is allocated per frame.
 */
final class ComfortNoise {

    /** Frames whose level is remembered: 80 ms of 20 ms frames, the tail a DTX encoder sends before pausing. */
    private static final int REMEMBERED = 4;
    static final double MAX_BACKGROUND_RMS = 500;
    /** One-pole low-pass coefficient: background noise is mostly low frequency. */
    private static final double SMOOTHING = 0.5;
    /** RMS gain of that low-pass for white noise: sqrt((1 - a) / (1 + a)) with a = SMOOTHING. */
    private static final double LOW_PASS_GAIN = Math.sqrt((1 - SMOOTHING) / (1 + SMOOTHING));
    /** RMS of a uniform variable on [-1, 1]. */
    private static final double UNIFORM_RMS = 1 / Math.sqrt(3);

    /** RMS of a full-scale square wave, RFC 3389's 0 dBov for 16-bit audio. */
    static final double ZERO_DBOV_RMS = 32767;
    /** RFC 3389's level for "no noise". */
    private static final int SILENT_MINUS_DBOV = 127;

    private final double[] recentRms = new double[REMEMBERED];
    /** The level the sender's last RFC 3389 packet gave, until its audio resumes; negative when none. */
    private double signalledRms = -1;
    private int recentCount;
    private int nextRecent;
    private final int fadeSamples;
    private long random = 0x9E3779B97F4A7C15L;
    private double lowPassed;
    private int faded;

    ComfortNoise(int frameSamples) {
        this.fadeSamples = frameSamples;
    }

    /** A frame decoded from a packet (not concealed): its level is remembered. */
    void decoded(short[] pcm, int offset, int count) {
        if (count <= 0) {
            return;
        }
        double sum = 0;
        for (int i = offset; i < offset + count; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        recentRms[nextRecent] = Math.sqrt(sum / count);
        nextRecent = (nextRecent + 1) % REMEMBERED;
        recentCount = Math.min(REMEMBERED, recentCount + 1);
        faded = 0;
    }

    /** The sender's RFC 3389 noise level (in -dBov) for this pause; it overrides the level of the frames heard. */
    void signalled(int levelMinusDbov) {
        int level = Math.max(0, Math.min(SILENT_MINUS_DBOV, levelMinusDbov));
        signalledRms = level == SILENT_MINUS_DBOV ? 0 : ZERO_DBOV_RMS * Math.pow(10, -level / 20.0);
    }

    /** The sender's audio resumed: the next pause is filled at its own signalled level, or at the level heard. */
    void resumed() {
        signalledRms = -1;
    }

    /** The RMS the pause will be filled at: 0 when the last frames were not background. */
    double level() {
        if (signalledRms >= 0) {
            return signalledRms;
        }
        if (recentCount == 0) {
            return 0;
        }
        double quietest = Double.MAX_VALUE;
        for (int i = 0; i < recentCount; i++) {
            quietest = Math.min(quietest, recentRms[i]);
        }
        return quietest <= MAX_BACKGROUND_RMS ? quietest : 0;
    }

    /** Fills {@code count} samples of a pause. */
    void fill(short[] pcm, int offset, int count) {
        double level = level();
        if (level < 1) {
            java.util.Arrays.fill(pcm, offset, offset + count, (short) 0);
            return;
        }
        double scale = level / (UNIFORM_RMS * LOW_PASS_GAIN);
        for (int i = offset; i < offset + count; i++) {
            random ^= random << 13;
            random ^= random >>> 7;
            random ^= random << 17;
            double white = (random >> 11) * 0x1.0p-52; // uniform in [-1, 1)
            lowPassed = SMOOTHING * lowPassed + (1 - SMOOTHING) * white;
            double gain = faded < fadeSamples ? (double) ++faded / fadeSamples : 1;
            pcm[i] = (short) Math.round(lowPassed * scale * gain);
        }
    }
}

package dev.switchboard.media.internal.pipeline;

/**
 * Tells speech from background in the microphone's frames, for RFC 3389 discontinuous transmission: a
 * frame is speech when its level stands {@value #SPEECH_OVER_FLOOR_DB} dB over the background floor (the
 * quietest frame of the last {@value #FLOOR_WINDOW_FRAMES} frames, so a background that gets louder is
 * followed within that window) and above {@value #SILENCE_DBOV} dBov (quieter frames are background even
 * after a pause of digital silence, which would put the floor far below any real background). After speech, {@value #HANGOVER_MILLIS}
 * ms must pass without speech before frames count as background: the quiet ends of words and the gaps between
 * them stay in the talk spurt. A call starts in a talk spurt, so a first word is never taken for background.
 */
final class VoiceActivity {

    static final double SPEECH_OVER_FLOOR_DB = 9;
    static final double SILENCE_DBOV = -45;
    /** Two seconds of 20 ms frames. */
    static final int FLOOR_WINDOW_FRAMES = 100;
    static final int HANGOVER_MILLIS = 200;
    /** RFC 3389's quietest level, which it also uses for digital silence. */
    static final int SILENT_MINUS_DBOV = 127;

    private final double[] recentLevels = new double[FLOOR_WINDOW_FRAMES];
    private int recentCount;
    private int nextRecent;
    private int quietMillis;
    private double lastLevelDbov = -SILENT_MINUS_DBOV;

    /** Whether this frame is (or still belongs to) speech. */
    boolean speech(short[] pcm, int samples, int frameMillis) {
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        double rms = Math.sqrt(sum / Math.max(1, samples));
        double level = rms < 1 ? -SILENT_MINUS_DBOV : Math.max(-SILENT_MINUS_DBOV, 20 * Math.log10(rms / 32767));
        lastLevelDbov = level;
        recentLevels[nextRecent] = level;
        nextRecent = (nextRecent + 1) % FLOOR_WINDOW_FRAMES;
        recentCount = Math.min(FLOOR_WINDOW_FRAMES, recentCount + 1);
        double floor = level;
        for (int i = 0; i < recentCount; i++) {
            floor = Math.min(floor, recentLevels[i]);
        }
        boolean loud = level > SILENCE_DBOV && level > floor + SPEECH_OVER_FLOOR_DB;
        quietMillis = loud ? 0 : Math.min(HANGOVER_MILLIS, quietMillis + frameMillis);
        return quietMillis < HANGOVER_MILLIS;
    }

    /** The last frame's level as RFC 3389 carries it: -dBov, 0 to 127. */
    int levelMinusDbov() {
        return (int) Math.max(0, Math.min(SILENT_MINUS_DBOV, Math.round(-lastLevelDbov)));
    }
}

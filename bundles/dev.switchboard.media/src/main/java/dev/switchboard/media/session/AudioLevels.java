package dev.switchboard.media.session;

/**
 * Levels for meters in dBFS: RMS over the last ~100 ms, {@link Double#NEGATIVE_INFINITY} for digital
 * silence.
 *
 * @param microphoneDbfs what we send (after mute: a muted microphone reads as silence)
 * @param speakerDbfs    what we play
 */
public record AudioLevels(double microphoneDbfs, double speakerDbfs) {

    /** Both sides silent. */
    public static final AudioLevels SILENT = new AudioLevels(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** No audio flows either way, so nothing is measured ({@link MediaSession#flowingLevels()}). */
    public static final AudioLevels NOT_FLOWING = new AudioLevels(Double.NaN, Double.NaN);
}

package dev.switchboard.media.internal.pipeline;

/**
 * The user's side of a call's audio as the media loop sees it, at the loop's rate: the devices, or
 * a conference bridge's port. Implementations never throw from {@link #read} or {@link #write}: a
 * failing device turns into silence (and is reported by whoever owns it).
 */
interface LocalAudio extends AutoCloseable {

    /** Whether {@link #read} blocks until a frame is due (a sound card); otherwise the loop paces itself. */
    boolean paced();

    /** Fills {@code count} samples of what the user says. */
    void read(short[] pcm, int offset, int count);

    /** Plays {@code count} samples to the user. */
    void write(short[] pcm, int offset, int count);

    @Override
    void close();
}

package dev.switchboard.media.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** 16-bit mono PCM from a device, frame by frame. */
@ConsumerType
public interface CaptureStream extends AutoCloseable {

    int sampleRate();

    /**
     * Whether {@link #read} keeps real time by itself (a sound card). A file is read as fast as it
     * is asked for, so whoever sends its audio must keep the pace.
     */
    boolean paced();

    /**
     * Fills {@code samples} samples.
     *
     * @return {@code samples}, or -1 once the input has ended (files only; the rest of the frame is
     *         then silence)
     * @throws AudioDeviceException if the device failed, e.g. was unplugged
     */
    int read(short[] frame, int offset, int samples) throws AudioDeviceException;

    @Override
    void close();
}

package dev.switchboard.media.audio;

import org.osgi.annotation.versioning.ConsumerType;

/** 16-bit mono PCM to a device, frame by frame. */
@ConsumerType
public interface PlaybackStream extends AutoCloseable {

    int sampleRate();

    /**
     * @throws AudioDeviceException if the device failed, e.g. was unplugged
     */
    void write(short[] frame, int offset, int samples) throws AudioDeviceException;

    /** Plays what is still buffered (a file: completes it) and releases the device. */
    @Override
    void close();
}

package dev.switchboard.media.session;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.audio.AudioDeviceException;

/** Tones on a device without a call: ringback before early media, busy, the ringtone on the ringer device. */
@ProviderType
public interface TonePlayer {

    /**
     * Starts playing {@code tone} (repeating its cadence) until the handle is closed.
     *
     * @param playbackDevice the device id, or null for the default
     * @throws AudioDeviceException if the device cannot be opened
     */
    ToneHandle play(Tone tone, String playbackDevice) throws AudioDeviceException;
}

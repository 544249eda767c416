package dev.switchboard.media.session;

/**
 * Where the user's side of a call's audio is: device ids as {@code AudioDevices} knows them
 * ({@code javasound:...}, {@code file:/path.wav}, {@code null:}); {@code null} means the default device.
 *
 * @param captureDevice  the microphone, or null for the default
 * @param playbackDevice the speaker/headset, or null for the default
 */
public record AudioEndpoints(String captureDevice, String playbackDevice) {

    /** The default capture and playback devices. */
    public static AudioEndpoints defaults() {
        return new AudioEndpoints(null, null);
    }
}

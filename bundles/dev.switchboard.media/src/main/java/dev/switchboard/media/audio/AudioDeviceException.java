package dev.switchboard.media.audio;

/** A device cannot be opened or has failed (unplugged, busy, unreadable file); the message says which. */
public class AudioDeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.switchboard.media.session;

/** How a call recording lays out the two sides. */
public enum RecordingMode {
    /** One channel: us and the peer mixed. */
    MIXED,
    /** Two channels: left is us (microphone), right is the peer. */
    STEREO_SPLIT
}

package dev.switchboard.codec.opus.internal;

/** The frame durations Opus can encode (RFC 6716 section 2.1.4). */
final class OpusFrames {

    private OpusFrames() {
    }

    /** Whether {@code samples} per channel at {@code sampleRate} last 2.5, 5, 10, 20, 40 or 60 ms. */
    static boolean isFrameSize(int samples, int sampleRate) {
        int units = samples * 400 / sampleRate; // of 2.5 ms
        return samples * 400 % sampleRate == 0
                && (units == 1 || units == 2 || units == 4 || units == 8 || units == 16 || units == 24);
    }
}

package dev.switchboard.protocol.iax2.internal;

import dev.switchboard.core.call.capability.AudioLevelMeter.Levels;

/**
 * The audio of one IAX2 call, as the call needs it: voice frames in and out in the negotiated
 * format. Backed by the media engine's framed session; tests may give their own.
 */
interface CallMedia {

    /** Where encoded voice goes: the call turns it into mini/full voice frames. */
    interface VoiceOut {
        /** @param timestampMillis milliseconds of the media clock (starts at 0 with the session) */
        void send(byte[] payload, int offset, int length, long timestampMillis);
    }

    /** Opens the audio of one call; nothing is sent until {@link CallMedia#start(long)}. */
    interface Factory {
        CallMedia open(String callId, VoiceOut out) throws Exception;

        /** Formats the media engine can code, best first. */
        java.util.List<Long> formats();
    }

    /** Starts (or changes) the format: audio flows from here on. */
    void start(long format);

    /** A voice frame from the peer. */
    void received(long timestampMillis, byte[] payload);

    /** Hold: {@code sending} false stops our audio, {@code playing} false stops playing the peer's. */
    void direction(boolean sending, boolean playing);

    void mute(boolean muted);

    boolean muted();

    /** Voice frames taken from the peer so far (for tests and benchmarks). */
    long framesReceived();

    /** The live levels of what is sent and played (the call row's meters); cheap, from any thread. */
    Levels levels();

    /** The received audio's quality as the media engine measures it (the call's quality icon). */
    dev.switchboard.media.session.MediaQuality quality();

    void close();
}

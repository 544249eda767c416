package dev.switchboard.protocol.h323.internal;

import java.net.InetSocketAddress;
import java.util.List;

import dev.switchboard.protocol.h323.internal.h245.AudioCapability;

/**
 * The RTP audio of one H.323 call as the call needs it: our RTP/RTCP addresses for the logical
 * channels, then the codec and the peer's addresses from fastStart or H.245. Backed by the media
 * engine's RTP session; tests may give their own.
 */
interface CallMedia {

    /** Opens the audio of one call; nothing is sent before {@link CallMedia#start}. */
    interface Factory {
        CallMedia open(String callId) throws Exception;

        /** Codecs the media engine can code that H.245 can name, best first. */
        List<AudioCapability> codecs();
    }

    InetSocketAddress localRtp();

    InetSocketAddress localRtcp();

    /** Starts (or changes) the codec both ways and where the peer receives. */
    void start(AudioCapability codec, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp);

    void mute(boolean muted);

    boolean muted();

    /** RTP packets taken from the peer so far (for tests and quality displays). */
    long packetsReceived();

    void close();
}

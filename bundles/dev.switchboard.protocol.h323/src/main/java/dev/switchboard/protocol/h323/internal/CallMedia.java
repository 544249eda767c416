package dev.switchboard.protocol.h323.internal;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

import dev.switchboard.core.call.capability.AudioLevelMeter.Levels;

import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.Coding;

/**
 * The RTP audio of one H.323 call as the call needs it: our RTP/RTCP addresses for the logical
 * channels, then the codec and the peer's addresses from fastStart or H.245. Backed by the media
 * engine's RTP session; tests may give their own.
 */
interface CallMedia {

    /** Opens the audio of one call; nothing is sent before {@link CallMedia#start}. */
    interface Factory {
        /** {@code digits} hears the RFC 4733 keys the peer sends in the media, once per key press. */
        CallMedia open(String callId, Consumer<Character> digits) throws Exception;

        /** Codecs the media engine can code that H.245 can name, best first. */
        List<AudioCapability> codecs();
    }

    InetSocketAddress localRtp();

    InetSocketAddress localRtcp();

    /**
     * Starts (or changes) the codec both ways and where the peer receives; we send as {@code sending}
     * says (payload type, packet length of our channel).
     */
    void start(Coding sending, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp);

    /**
     * The payload type the peer's channel names for the codec (H.245 lets it differ from ours); takes
     * effect now if audio flows, else with {@link #start}. Until called, the peer is heard on ours.
     */
    void receivePayloadType(int payloadType);

    /**
     * RFC 4733 telephone events with {@code payloadType} both ways (negotiated in the H.245 capability
     * sets), or none when negative; takes effect now if audio flows, else with {@link #start}.
     */
    void telephoneEvents(int payloadType);

    /** Sends one key as RFC 4733 events; only after {@link #telephoneEvents} named a payload type. */
    void sendDtmf(char digit, int millis);

    /** Hold: {@code sending} false stops our audio, {@code playing} false stops playing the peer's. */
    void direction(boolean sending, boolean playing);

    void mute(boolean muted);

    boolean muted();

    /** The live levels of what is sent and played (the call row's meters); cheap, from any thread. */
    Levels levels();

    /** RTP packets taken from the peer so far (for tests and quality displays). */
    long packetsReceived();

    void close();
}

package dev.switchboard.media.jitter;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.rtp.RtpPacket;

/**
 * Reorders, times and decodes one RTP source's payloads for playout. {@link #put} and {@link #pull} may
 * be called from different threads (typically the RTP receiver and the audio device); neither
 * allocates.
 */
@ProviderType
public interface JitterBuffer {

    /**
     * Takes one received payload, copied, with its arrival time read from the buffer's clock. Duplicates
     * and payloads that arrive after their time was concealed are counted and dropped.
     */
    void put(int sequenceNumber, long timestamp, boolean marker, byte[] payload, int offset, int length);

    /** Takes the payload of a parsed packet as {@link #put(int, long, boolean, byte[], int, int)} does. */
    default void put(RtpPacket packet) {
        put(packet.sequenceNumber(), packet.timestamp(), packet.marker(), packet.payloadArray(),
                packet.payloadOffset(), packet.payloadLength());
    }

    /**
     * Fills {@code samples} samples of playout audio: decoded, concealed, or silence while there is
     * nothing to play. Callers pull at a steady pace (one audio frame, e.g. 20 ms, at a time); the buffer
     * measures its delay against its clock at each pull.
     */
    void pull(short[] pcm, int offset, int samples);

    JitterStatistics statistics();

    /**
     * The sender has gone quiet and sent an RFC 3389 comfort-noise packet: the pause that follows is filled
     * with noise at this level (in -dBov, 0-127, as the packet's first byte gives it; 127 is silence) rather
     * than at the level of the last frames heard, and the talk spurt ends when its packets run out instead of
     * being concealed as lost. Buffers that do not generate noise may ignore it.
     *
     * @since 1.2
     */
    default void comfortNoise(int levelMinusDbov) {
    }
}

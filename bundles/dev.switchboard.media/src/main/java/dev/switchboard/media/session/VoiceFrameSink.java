package dev.switchboard.media.session;

import java.time.Duration;

import org.osgi.annotation.versioning.ConsumerType;

import dev.switchboard.media.dtmf.DtmfEvent;

/** Where a {@link FramedMediaSession} delivers its encoded frames: the protocol's transmitter. */
@ConsumerType
public interface VoiceFrameSink {

    /**
     * An encoded frame to send. The array is reused: copy it before returning.
     *
     * @param timestampMillis ms since the session started sending
     * @param talkSpurtStart  whether this frame starts a talk spurt (after mute, hold or the start)
     */
    void send(byte[] payload, int offset, int length, long timestampMillis, boolean talkSpurtStart);

    /**
     * DTMF for protocols that signal keys themselves (IAX2 DTMF_BEGIN/END).
     *
     * @return true if the protocol sent it, false to have the session play in-band tones instead
     */
    default boolean sendDtmf(DtmfEvent event, Duration duration) {
        return false;
    }
}

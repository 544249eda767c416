package dev.switchboard.media.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A call whose protocol carries voice frames itself (IAX2 mini and full voice frames). Encoded frames
 * leave through the {@link VoiceFrameSink} given when opening; the protocol hands received frames to
 * {@link #receive}.
 */
@ProviderType
public interface FramedMediaSession extends MediaSession {

    /**
     * A voice frame from the peer, in the current format's codec. The session copies what it needs
     * before returning.
     *
     * @param timestampMillis the frame's timestamp in ms of the call's clock (IAX2 timestamps)
     */
    void receive(long timestampMillis, byte[] payload, int offset, int length);
}

package dev.switchboard.media.session;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.codec.AudioCodec;

/** Opens per-call media sessions; a DS service of the media engine. */
@ProviderType
public interface MediaSessionFactory {

    /** Codecs to offer, best first (the codec registry's order), for SDP offers, IAX2 capabilities, H.245 TCS. */
    List<AudioCodec> offerable();

    /**
     * Opens an RTP session bound to {@code options.localAddress()} on a free even port, with the
     * options' devices open. Audio flows once a format and the remote address are set.
     *
     * @throws IOException          if no socket can be bound
     * @throws AudioDeviceException if a device cannot be opened
     */
    RtpMediaSession openRtp(MediaSessionOptions options, MediaSessionListener listener)
            throws IOException, AudioDeviceException;

    /**
     * Opens a framed session whose encoded frames go to {@code sink}.
     *
     * @throws AudioDeviceException if a device cannot be opened
     */
    FramedMediaSession openFramed(MediaSessionOptions options, VoiceFrameSink sink, MediaSessionListener listener)
            throws AudioDeviceException;
}

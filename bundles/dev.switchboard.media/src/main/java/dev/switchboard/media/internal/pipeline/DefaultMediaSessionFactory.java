package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.session.FramedMediaSession;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;
import dev.switchboard.media.session.VoiceFrameSink;

/**
 * Opens {@link RtpCallSession}s and {@link FramedCallSession}s on the engine's devices, codecs, RTP and
 * jitter buffers. Configuration property {@value #TONE_PLAN} picks the local tones' national plan
 * ({@link TonePlan#CEPT} unless set).
 */
@Component(service = MediaSessionFactory.class, configurationPid = "dev.switchboard.media.session")
public class DefaultMediaSessionFactory implements MediaSessionFactory {

    static final String TONE_PLAN = "tone.plan";

    private final AudioDevices devices;
    private final CodecRegistry codecs;
    private final RtpSessionFactory rtp;
    private final JitterBufferFactory jitterBuffers;
    private final TonePlan tonePlan;

    @Activate
    public DefaultMediaSessionFactory(@Reference AudioDevices devices, @Reference CodecRegistry codecs,
            @Reference RtpSessionFactory rtp, @Reference JitterBufferFactory jitterBuffers,
            Map<String, Object> properties) {
        this.devices = devices;
        this.codecs = codecs;
        this.rtp = rtp;
        this.jitterBuffers = jitterBuffers;
        this.tonePlan = TonePlan.named(String.valueOf(properties.get(TONE_PLAN)));
    }

    @Override
    public List<AudioCodec> offerable() {
        return codecs.codecs();
    }

    @Override
    public RtpMediaSession openRtp(MediaSessionOptions options, MediaSessionListener listener)
            throws IOException, AudioDeviceException {
        return new RtpCallSession(devices, jitterBuffers, rtp, tonePlan, options, listener);
    }

    @Override
    public FramedMediaSession openFramed(MediaSessionOptions options, VoiceFrameSink sink,
            MediaSessionListener listener) throws AudioDeviceException {
        return new FramedCallSession(devices, jitterBuffers, tonePlan, options, sink, listener);
    }
}

package dev.switchboard.protocol.iax2.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.call.capability.AudioLevelMeter.Levels;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.AudioLevels;
import dev.switchboard.media.session.FramedMediaSession;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.VoiceFrameSink;

/**
 * A call's audio through the media engine's {@link FramedMediaSession}: our voice frames leave
 * through its {@link VoiceFrameSink}, the peer's go to {@link FramedMediaSession#receive}, where
 * the engine's jitter buffer and decoder take them.
 */
final class EngineCallMedia implements CallMedia {
    /** IAX2 voice frames carry 20 ms, as Asterisk and iaxmodem send them (iLBC: one 30 ms frame). */
    private static final int PACKET_MILLIS = 20;

    private final FramedMediaSession session;
    private final MediaSessionFactory engine;

    private EngineCallMedia(FramedMediaSession session, MediaSessionFactory engine) {
        this.session = session;
        this.engine = engine;
    }

    /**
     * Opens calls' audio on {@code devices} with the codecs the engine offers, limited to and ordered
     * as {@code wanted} when that is not empty (the account's {@code codecs}).
     */
    static Factory factory(MediaSessionFactory engine, AudioEndpoints devices, List<Long> wanted) {
        return new Factory() {
            @Override
            public CallMedia open(String callId, VoiceOut out) throws Exception {
                VoiceFrameSink sink = new VoiceFrameSink() {
                    @Override
                    public void send(byte[] payload, int offset, int length, long timestampMillis,
                            boolean talkSpurtStart) {
                        out.send(payload, offset, length, timestampMillis);
                    }

                    @Override
                    public boolean sendDtmf(DtmfEvent event, Duration duration) {
                        return false;
                    }
                };
                MediaSessionOptions options = MediaSessionOptions.of(InetAddress.getLoopbackAddress(), callId, devices)
                        .withInactivityTimeout(Duration.ZERO);
                return new EngineCallMedia(engine.openFramed(options, sink, new MediaSessionListener() {
                }), engine);
            }

            @Override
            public List<Long> formats() {
                List<Long> formats = new ArrayList<>();
                for (AudioCodec codec : engine.offerable()) {
                    MediaFormats.format(codec.info().rtpmap()).filter(format -> !formats.contains(format))
                            .ifPresent(formats::add);
                }
                if (wanted.isEmpty()) {
                    // Opus last (see MediaFormats.SUPPORTED): offered, but the preferred format stays G.722
                    if (formats.remove(MediaFormats.OPUS)) {
                        formats.add(MediaFormats.OPUS);
                    }
                    return formats;
                }
                return wanted.stream().filter(formats::contains).toList();
            }
        };
    }

    @Override
    public void start(long format) {
        codec(format).ifPresent(codec -> {
            int frame = codec.info().frameMillis();
            int packet = PACKET_MILLIS % frame == 0 ? PACKET_MILLIS : frame;
            // framed sessions ignore the payload type; MediaFormat only wants it in range
            session.format(new MediaFormat(codec, Math.max(0, codec.info().staticPayloadType()), packet,
                    MediaFormat.NO_TELEPHONE_EVENT));
        });
    }

    private Optional<AudioCodec> codec(long format) {
        String rtpmap = MediaFormats.rtpmap(format).orElse("");
        return engine.offerable().stream().filter(codec -> codec.info().rtpmap().equalsIgnoreCase(rtpmap)).findFirst();
    }

    @Override
    public void received(long timestampMillis, byte[] payload) {
        session.receive(timestampMillis, payload, 0, payload.length);
    }

    @Override
    public void direction(boolean sending, boolean playing) {
        session.direction(sending ? playing ? MediaDirection.SENDRECV : MediaDirection.SENDONLY
                : playing ? MediaDirection.RECVONLY : MediaDirection.INACTIVE);
    }

    @Override
    public void mute(boolean muted) {
        session.mute(muted);
    }

    @Override
    public boolean muted() {
        return session.muted();
    }

    @Override
    public long framesReceived() {
        return session.quality().packetsReceived();
    }

    @Override
    public MediaQuality quality() {
        return session.quality();
    }

    /** The engine's levels for the ways audio flows now (held: not measured), none before the format is set. */
    @Override
    public Levels levels() {
        AudioLevels flowing = session.flowingLevels();
        return new Levels(flowing.microphoneDbfs(), flowing.speakerDbfs());
    }

    @Override
    public void close() {
        session.close();
    }
}

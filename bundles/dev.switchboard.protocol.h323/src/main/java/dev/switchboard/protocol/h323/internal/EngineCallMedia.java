package dev.switchboard.protocol.h323.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.switchboard.core.call.capability.AudioLevelMeter.Levels;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.AudioLevels;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.Coding;

/** A call's audio through the media engine's {@link RtpMediaSession} on the session's bind address. */
final class EngineCallMedia implements CallMedia {
    private final RtpMediaSession session;
    private final MediaSessionFactory engine;
    private int telephoneEventPayloadType = MediaFormat.NO_TELEPHONE_EVENT;
    /** The payload type the peer sends the codec with, or negative for the one we send with. */
    private int receivePayloadType = -1;

    private EngineCallMedia(RtpMediaSession session, MediaSessionFactory engine) {
        this.session = session;
        this.engine = engine;
    }

    static Factory factory(MediaSessionFactory engine, AudioEndpoints devices, InetAddress bind) {
        return new Factory() {
            @Override
            public CallMedia open(String callId, Consumer<Character> digits) throws Exception {
                return new EngineCallMedia(engine.openRtp(MediaSessionOptions.of(bind, callId, devices),
                        new MediaSessionListener() {
                            @Override
                            public void dtmfReceived(DtmfEvent event) {
                                if (event.hasTone()) {
                                    digits.accept(event.symbol());
                                }
                            }
                        }), engine);
            }

            @Override
            public List<AudioCapability> codecs() {
                List<AudioCapability> out = new ArrayList<>();
                for (AudioCodec codec : engine.offerable()) {
                    AudioCapability.ofEncodingName(codec.info().encodingName()).filter(c -> !out.contains(c))
                            .ifPresent(out::add);
                }
                return out;
            }
        };
    }

    private Optional<AudioCodec> codec(AudioCapability capability) {
        return engine.offerable().stream()
                .filter(codec -> codec.info().encodingName().equalsIgnoreCase(capability.encodingName())).findFirst();
    }

    @Override
    public InetSocketAddress localRtp() {
        return session.localRtpAddress();
    }

    @Override
    public InetSocketAddress localRtcp() {
        return session.localRtcpAddress();
    }

    @Override
    public void start(Coding sending, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp) {
        AudioCapability capability = sending.codec();
        AudioCodec codec = codec(capability).orElseThrow(() -> new IllegalStateException(
                "the media engine has no " + capability.encodingName() + " codec"));
        // 20 ms packets, or one frame of iLBC in the mode our channel names (RFC 3952's mode=20 for 20 ms frames)
        String fmtp = capability == AudioCapability.ILBC ? "mode=" + sending.packetMillis() : "";
        int frame = codec.frameMillis(fmtp);
        int packet = sending.packetMillis() % frame == 0 ? sending.packetMillis() : frame;
        MediaFormat format = new MediaFormat(codec, sending.payloadType(), packet, telephoneEventPayloadType,
                MediaFormat.NO_COMFORT_NOISE, fmtp, receivePayloadType < 0 ? sending.payloadType() : receivePayloadType);
        apply(format);
        session.remote(remoteRtp, remoteRtcp);
    }

    /** Gives the session {@code format} unless it runs it already (a channel reopened after hold keeps its format). */
    private void apply(MediaFormat format) {
        if (session.format().filter(format::equals).isEmpty()) {
            session.format(format);
        }
    }

    @Override
    public void receivePayloadType(int payloadType) {
        receivePayloadType = payloadType;
        session.format().ifPresent(format -> apply(format.withReceivePayloadType(payloadType)));
    }

    @Override
    public void telephoneEvents(int payloadType) {
        int wanted = payloadType < 0 ? MediaFormat.NO_TELEPHONE_EVENT : payloadType;
        if (wanted == telephoneEventPayloadType) {
            return;
        }
        telephoneEventPayloadType = wanted;
        session.format().ifPresent(format -> apply(new MediaFormat(format.codec(), format.payloadType(),
                format.packetMillis(), telephoneEventPayloadType, format.comfortNoisePayloadType(), format.peerFmtp(),
                format.receivePayloadType())));
    }

    @Override
    public void sendDtmf(char digit, int millis) {
        DtmfEvent event = DtmfEvent.ofSymbol(digit);
        if (event == null || !event.hasTone()) {
            throw new IllegalArgumentException("not a DTMF key: " + digit);
        }
        session.sendDtmf(event, Duration.ofMillis(millis));
    }

    @Override
    public void direction(boolean sending, boolean playing) {
        session.direction(MediaDirection.of(sending, playing));
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
    public long packetsReceived() {
        return session.quality().packetsReceived();
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

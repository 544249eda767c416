package dev.switchboard.media.internal.pipeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.TelephoneEventPacket;
import dev.switchboard.media.internal.dtmf.TelephoneEventReceiver;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.jitter.JitterStatistics;
import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.rtp.RtpQuality;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.rtp.RtpSessionListener;
import dev.switchboard.media.rtp.RtpSessionOptions;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RtpMediaSession;

/**
 * A call's media as RTP: the pipeline's packets go out through an {@link RtpSession}; received packets of
 * the format's payload type go into the jitter buffer, those of its telephone-event type through an
 * RFC 4733 receiver to the listener, RFC 3389 noise levels to the jitter buffer, others (a payload type from
 * before a re-INVITE) are dropped. Until {@link #remote} is called nothing is sent.
 */
final class RtpCallSession extends MediaPipeline implements RtpMediaSession {

    /** The RTP session's clock until a format says otherwise (G.711, G.722, G.729 and iLBC all use 8000). */
    private static final int RTP_CLOCK = 8000;
    /** RtpSessionOptions needs a positive timeout; "never" is a year. */
    private static final Duration NEVER = Duration.ofDays(365);

    private final RtpSession rtp;
    private final TelephoneEventReceiver telephoneEvents = new TelephoneEventReceiver();
    private volatile boolean remoteKnown;
    /** Media time of the last packet sent, in RTP clock ticks; the media thread's. */
    private long lastSentTimestamp;
    private boolean anySent;

    RtpCallSession(AudioDevices devices, JitterBufferFactory jitterBuffers, RtpSessionFactory rtpSessions,
            TonePlan tonePlan, MediaSessionOptions options, MediaSessionListener listener)
            throws IOException, AudioDeviceException {
        super(devices, jitterBuffers, tonePlan, options, listener);
        Duration inactivity = options.inactivityTimeout().isZero() ? NEVER : options.inactivityTimeout();
        RtpSessionOptions rtpOptions = RtpSessionOptions.of(options.localAddress(), RTP_CLOCK, options.cname())
                .withRtcpMux(options.rtcpMux()).withInactivityTimeout(inactivity);
        try {
            this.rtp = rtpSessions.open(rtpOptions, new Receiver());
        } catch (IOException | RuntimeException e) {
            super.close();
            throw e;
        }
    }

    /** The RTP session's receive thread. */
    private final class Receiver implements RtpSessionListener {
        @Override
        public void received(RtpPacket packet) {
            ActiveFormat format = active;
            if (format == null) {
                return;
            }
            if (packet.payloadType() == format.format.receivePayloadType()) {
                format.jitter.put(packet);
            } else if (format.format.hasComfortNoise()
                    && packet.payloadType() == format.format.comfortNoisePayloadType()) {
                // RFC 3389: the first byte is the noise level; the spectral parameters after it are not used
                if (packet.payloadLength() >= 1) {
                    format.jitter.comfortNoise(packet.payloadArray()[packet.payloadOffset()] & 0x7f);
                }
            } else if (packet.payloadType() == format.format.telephoneEventPayloadType()) {
                DtmfDigit digit = telephoneEvents.receive(packet);
                if (digit != null) {
                    dtmfReceived(digit.event());
                }
            }
        }

        @Override
        public void inactive(Duration silentFor) {
            notifyListener(() -> listener.inactive(silentFor));
        }

        @Override
        public void reportReceived(RtpQuality quality) {
            MediaQuality summary = quality();
            notifyListener(() -> listener.qualityChanged(summary));
        }
    }

    @Override
    protected void formatChanged(ActiveFormat previous, ActiveFormat next) {
        rtp.clockRate(next.info.clockRate());
    }

    @Override
    public InetSocketAddress localRtpAddress() {
        return rtp.localRtpAddress();
    }

    @Override
    public InetSocketAddress localRtcpAddress() {
        return rtp.localRtcpAddress();
    }

    @Override
    public void remote(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
        rtp.remote(rtpAddress, rtcpAddress);
        remoteKnown = true;
    }

    @Override
    protected boolean sendsTelephoneEvents(ActiveFormat format) {
        return format.format.hasTelephoneEvents();
    }

    @Override
    protected void sendAudio(ActiveFormat format, byte[] payload, int length, long clockTimestamp, long millis,
            boolean talkSpurtStart) {
        send(format.format.payloadType(), payload, length, clockTimestamp, talkSpurtStart);
    }

    @Override
    protected boolean sendsComfortNoise(ActiveFormat format) {
        return format.format.hasComfortNoise();
    }

    @Override
    protected void sendComfortNoise(ActiveFormat format, int levelMinusDbov, long clockTimestamp) {
        format.payload[0] = (byte) levelMinusDbov;
        send(format.format.comfortNoisePayloadType(), format.payload, 1, clockTimestamp, false);
    }

    @Override
    protected void sendTelephoneEvent(ActiveFormat format, TelephoneEventPacket packet, long clockTimestamp) {
        packet.payload().write(format.payload, 0);
        send(format.format.telephoneEventPayloadType(), format.payload, 4, clockTimestamp, packet.marker());
    }

    private void send(int payloadType, byte[] payload, int length, long clockTimestamp, boolean marker) {
        if (!remoteKnown) {
            return;
        }
        int advance = anySent ? (int) (clockTimestamp - lastSentTimestamp) : 0;
        lastSentTimestamp = clockTimestamp;
        anySent = true;
        rtp.send(payloadType, payload, 0, length, advance, marker);
    }

    @Override
    public MediaQuality quality() {
        ActiveFormat format = active;
        RtpQuality rtpQuality = rtp.quality();
        JitterStatistics jitter = format == null ? null : format.jitter.statistics();
        double roundTrip = rtpQuality.roundTripTime().map(time -> time.toNanos() / 1e6).orElse(Double.NaN);
        return new MediaQuality(format == null ? "" : format.info.rtpmap(), rtpQuality.packetsSent(),
                rtpQuality.packetsReceived(), Math.max(0, rtpQuality.cumulativeLost()), rtpQuality.fractionLost(),
                rtpQuality.jitterMillis(), roundTrip, jitter == null ? 0 : jitter.targetDelayMillis(),
                jitter == null ? 0 : jitter.concealedFrames(),
                rate(rtpQuality.packetsReceived(), rtpQuality.fractionLost(), rtpQuality.jitterMillis(), roundTrip));
    }

    @Override
    protected void closeTransport() {
        if (rtp != null) { // null when opening the RTP session failed in the constructor
            rtp.close();
        }
    }
}

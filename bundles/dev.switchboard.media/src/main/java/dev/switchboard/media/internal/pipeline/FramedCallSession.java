package dev.switchboard.media.internal.pipeline;

import java.time.Duration;
import java.util.Objects;

import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.audio.AudioDevices;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.jitter.JitterBufferFactory;
import dev.switchboard.media.jitter.JitterStatistics;
import dev.switchboard.media.session.FramedMediaSession;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.VoiceFrameSink;

/**
 * A call whose protocol carries the voice frames (IAX2): encoded packets go to the {@link VoiceFrameSink},
 * frames from the peer come in through {@link #receive} and go into the jitter buffer by their timestamp.
 * The protocol gives no sequence numbers (IAX2 mini frames have none), so the jitter buffer's sequence is
 * the timestamp counted in packets, which orders and de-duplicates frames as well as a real one would.
 * Interarrival jitter is measured as RFC 3550 §6.4.1 defines it, in ms.
 */
final class FramedCallSession extends MediaPipeline implements FramedMediaSession {

    private final VoiceFrameSink sink;
    private final Object statisticsLock = new Object();
    private long packetsSent;
    private long packetsReceived;
    private double jitterMillis;
    private long lastArrivalNanos;
    private long lastTimestampMillis;
    private volatile long lastReceiveNanos = System.nanoTime();
    private boolean inactivityReported;

    FramedCallSession(AudioDevices devices, JitterBufferFactory jitterBuffers, TonePlan tonePlan,
            MediaSessionOptions options, VoiceFrameSink sink, MediaSessionListener listener) throws AudioDeviceException {
        super(devices, jitterBuffers, tonePlan, options, listener);
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void receive(long timestampMillis, byte[] payload, int offset, int length) {
        ActiveFormat format = active;
        if (format == null || length <= 0) {
            return;
        }
        long now = System.nanoTime();
        lastReceiveNanos = now;
        int sequence = (int) (Math.floorDiv(timestampMillis, format.format.packetMillis()) & 0xFFFF);
        long timestamp = (timestampMillis * format.info.clockRate() / 1000) & 0xFFFF_FFFFL;
        synchronized (statisticsLock) {
            if (packetsReceived > 0) {
                double transitChange = (now - lastArrivalNanos) / 1e6 - (timestampMillis - lastTimestampMillis);
                jitterMillis += (Math.abs(transitChange) - jitterMillis) / 16;
            }
            packetsReceived++;
            lastArrivalNanos = now;
            lastTimestampMillis = timestampMillis;
        }
        try {
            format.jitter.put(sequence, timestamp, false, payload, offset, length);
        } catch (RuntimeException e) {
            // a frame the codec cannot take is the peer's problem; it is concealed like a lost one
        }
    }

    @Override
    public void sendDtmf(DtmfEvent event, Duration duration) {
        boolean signalled;
        try {
            signalled = sink.sendDtmf(event, duration);
        } catch (RuntimeException e) {
            signalled = false;
        }
        if (!signalled) {
            super.sendDtmf(event, duration);
        }
    }

    @Override
    protected boolean sendsTelephoneEvents(ActiveFormat format) {
        return false;
    }

    @Override
    protected void sendAudio(ActiveFormat format, byte[] payload, int length, long clockTimestamp, long millis,
            boolean talkSpurtStart) {
        try {
            sink.send(payload, 0, length, millis, talkSpurtStart);
            synchronized (statisticsLock) {
                packetsSent++;
            }
        } catch (RuntimeException e) {
            // the protocol's transmitter failing must not stop the call's audio loop
        }
    }

    @Override
    protected void frameDone(long nowNanos) {
        Duration timeout = options.inactivityTimeout();
        if (timeout.isZero()) {
            return;
        }
        long silent = nowNanos - lastReceiveNanos;
        if (silent >= timeout.toNanos()) {
            if (!inactivityReported) {
                inactivityReported = true;
                Duration silentFor = Duration.ofNanos(silent);
                notifyListener(() -> listener.inactive(silentFor));
            }
        } else {
            inactivityReported = false;
        }
    }

    @Override
    public MediaQuality quality() {
        ActiveFormat format = active;
        JitterStatistics jitter = format == null ? null : format.jitter.statistics();
        long sent;
        long received;
        double jitterNow;
        synchronized (statisticsLock) {
            sent = packetsSent;
            received = packetsReceived;
            jitterNow = jitterMillis;
        }
        long concealed = jitter == null ? 0 : jitter.concealedFrames();
        long lost = jitter == null ? 0 : Math.max(0, jitter.concealedFrames() - jitter.latePackets());
        double fractionLost = received + lost == 0 ? 0 : (double) lost / (received + lost);
        return new MediaQuality(format == null ? "" : format.info.rtpmap(), sent, received, lost, fractionLost,
                jitterNow, Double.NaN, jitter == null ? 0 : jitter.targetDelayMillis(), concealed,
                rate(received, fractionLost, jitterNow, Double.NaN));
    }

    @Override
    protected void closeTransport() {
        // the protocol owns the transport
    }
}

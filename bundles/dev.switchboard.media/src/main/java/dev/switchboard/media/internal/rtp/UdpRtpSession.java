package dev.switchboard.media.internal.rtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.switchboard.media.rtp.RtpPacket;
import dev.switchboard.media.rtp.RtpParseResult;
import dev.switchboard.media.rtp.RtpQuality;
import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionListener;
import dev.switchboard.media.rtp.RtpSessionOptions;

/**
 * An RTP session on UDP channels with one receive thread, which also runs the RTCP and inactivity timers
 * (its selector wakes for the earliest of them). All session state is guarded by {@link #lock}; the
 * listener is called outside it so that senders never wait for a listener.
 */
public final class UdpRtpSession implements RtpSession {
    private static final System.Logger LOG = System.getLogger(UdpRtpSession.class.getName());
    private static final int MAX_DATAGRAM = 2048;
    /** IPv4 + UDP headers, which RFC 3550 6.2 counts in the RTCP packet size. */
    private static final int IP_UDP_OVERHEAD = 28;
    private static final int PORT_PAIR_ATTEMPTS = 200;
    private static final double RTCP_SHARE = 0.05;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final RtpSessionOptions options;
    private final RtpSessionListener listener;
    private final DatagramChannel rtpChannel;
    private final DatagramChannel rtcpChannel;
    private final Selector selector;
    private final Thread receiver;
    /**
     * RFC 3550's unpredictable SSRC, sequence and timestamp starts, drawn in one call per session. One for all
     * sessions (SecureRandom is thread-safe): a new one per call seeded itself from the system on every call set-up.
     * The RTCP interval's randomisation (RFC 3550 6.3.1, against synchronised reports) needs no secret and takes
     * {@link ThreadLocalRandom}: each SecureRandom draw locks and mixes with the system's source, which made the
     * interval computations at session open the costliest part of opening the RTP session.
     */
    private static final SecureRandom RANDOM = new SecureRandom();
    private final long ssrc;
    private final byte[] cname;
    private final long openedNanos = System.nanoTime();
    private final Object lock = new Object();

    // sending, guarded by lock
    private final RtpPacket outgoing = new RtpPacket();
    private final byte[] sendBuffer = new byte[MAX_DATAGRAM];
    private final ByteBuffer sendView = ByteBuffer.wrap(sendBuffer);
    private final byte[] rtcpBuffer = new byte[MAX_DATAGRAM];
    private final ByteBuffer rtcpView = ByteBuffer.wrap(rtcpBuffer);
    private int nextSequence;
    private long lastTimestamp;
    private long lastSendNanos;
    private long packetsSent;
    private long octetsSent;
    private long packetsSentAtPreviousReport;
    private long packetsSentAtReportBeforeThat;

    // where to send, guarded by lock
    private InetSocketAddress signalledRtp;
    private InetSocketAddress signalledRtcp;
    private InetSocketAddress latchedRtp;
    private InetSocketAddress latchedRtcp;

    // receiving, guarded by lock
    private final Map<Long, SourceStatistics> sources = new HashMap<>();
    private final Map<Long, long[]> lastSenderReports = new HashMap<>();
    private final Map<RtpParseResult, Long> malformedRtp = new EnumMap<>(RtpParseResult.class);
    private SourceStatistics lastHeard;
    /** The payload format's RTP clock; changes with a re-INVITE to a codec with another clock. */
    private int clockRate;
    /** The entry of {@link #sources} found last, looked up again without boxing its SSRC. */
    private SourceStatistics cachedSource;
    private long malformedRtcp;
    private long lastRtpNanos = openedNanos;
    private boolean inactivityReported;
    private Duration roundTrip;

    // RTCP timing (RFC 3550 A.7), guarded by lock
    private boolean initialReport = true;
    private double averageRtcpSize = 100;
    private long previousReportNanos = openedNanos;
    private long nextReportNanos;

    private volatile boolean closed;

    private UdpRtpSession(RtpSessionOptions options, RtpSessionListener listener, DatagramChannel rtpChannel,
            DatagramChannel rtcpChannel, Selector selector) {
        this.options = options;
        this.clockRate = options.clockRate();
        this.listener = listener;
        this.rtpChannel = rtpChannel;
        this.rtcpChannel = rtcpChannel;
        this.selector = selector;
        byte[] starts = new byte[10];
        RANDOM.nextBytes(starts);
        ByteBuffer random = ByteBuffer.wrap(starts);
        this.ssrc = random.getInt() & 0xffff_ffffL;
        this.lastTimestamp = random.getInt() & 0xffff_ffffL;
        this.nextSequence = random.getShort() & 0xffff;
        this.cname = options.cname().getBytes(StandardCharsets.UTF_8);
        this.nextReportNanos = openedNanos + reportIntervalNanos();
        this.receiver = Thread.ofPlatform().daemon().name("rtp-" + localRtpAddress().getPort())
                .unstarted(this::receiveLoop);
    }

    /** Binds the port(s) and starts the receive thread. */
    public static UdpRtpSession open(RtpSessionOptions options, RtpSessionListener listener) throws IOException {
        DatagramChannel[] channels = options.rtcpMux() ? bindOne(options.localAddress())
                : bindPair(options.localAddress());
        Selector selector = Selector.open();
        try {
            for (DatagramChannel channel : channels) {
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            selector.close();
            closeAll(channels);
            throw e;
        }
        UdpRtpSession session = new UdpRtpSession(options, listener, channels[0], channels[channels.length - 1],
                selector);
        session.receiver.start();
        return session;
    }

    @Override
    public InetSocketAddress localRtpAddress() {
        return localAddress(rtpChannel);
    }

    @Override
    public InetSocketAddress localRtcpAddress() {
        return localAddress(rtcpChannel);
    }

    @Override
    public long ssrc() {
        return ssrc;
    }

    @Override
    public void remote(InetSocketAddress rtp, InetSocketAddress rtcp) {
        synchronized (lock) {
            signalledRtp = rtp;
            signalledRtcp = rtcp;
        }
    }

    @Override
    public void clockRate(int rate) {
        if (rate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + rate);
        }
        synchronized (lock) {
            if (rate == clockRate) {
                return;
            }
            clockRate = rate;
            // jitter and transit are kept in clock ticks: the peers' sources start over in the new clock
            sources.clear();
            cachedSource = null;
            lastHeard = null;
        }
    }

    @Override
    public void send(int payloadType, byte[] payload, int offset, int length, int timestampAdvance,
            boolean talkSpurtStart) {
        synchronized (lock) {
            InetSocketAddress target = latchedRtp != null ? latchedRtp : signalledRtp;
            if (closed || target == null) {
                throw new IllegalStateException(closed ? "session closed" : "no remote address yet");
            }
            boolean first = packetsSent == 0;
            if (!first) {
                lastTimestamp = (lastTimestamp + timestampAdvance) & 0xffff_ffffL;
            }
            outgoing.payloadType(payloadType).marker(first || talkSpurtStart).sequenceNumber(nextSequence++)
                    .timestamp(lastTimestamp).ssrc(ssrc);
            int packetLength = outgoing.write(sendBuffer, 0, payload, offset, length);
            try {
                // a full socket buffer (0 sent) drops the packet, as the network would: late audio is useless
                if (rtpChannel.send(sendView.clear().limit(packetLength), target) > 0) {
                    packetsSent++;
                    octetsSent += length;
                    lastSendNanos = System.nanoTime();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot send RTP to " + target, e);
            }
        }
    }

    @Override
    public RtpQuality quality() {
        synchronized (lock) {
            SourceStatistics source = lastHeard;
            InetSocketAddress target = latchedRtp != null ? latchedRtp : signalledRtp;
            return new RtpQuality(packetsSent, octetsSent, source == null ? 0 : source.received(),
                    source == null ? 0 : source.payloadOctets(), source == null ? 0 : source.cumulativeLost(),
                    source == null ? 0 : source.lastFractionLost() / 256.0,
                    source == null ? 0 : source.jitterExact() * 1000 / clockRate,
                    Optional.ofNullable(roundTrip), Optional.ofNullable(target), malformedRtp, malformedRtcp);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        selector.wakeup();
        if (Thread.currentThread() != receiver) {
            try {
                receiver.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            sendReport(true);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the selector", e);
        }
        closeAll(rtpChannel == rtcpChannel ? new DatagramChannel[] {rtpChannel}
                : new DatagramChannel[] {rtpChannel, rtcpChannel});
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        RtpPacket packet = new RtpPacket();
        RtcpReceiver rtcpReceiver = new RtcpReceiver();
        // one consumer for the session's life: a lambda per select() would be garbage per packet
        java.util.function.Consumer<java.nio.channels.SelectionKey> drainKey =
                key -> drain((DatagramChannel) key.channel(), buffer, packet, rtcpReceiver);
        while (!closed) {
            try {
                selector.select(drainKey, millisUntilNextTimer());
                runTimers();
            } catch (ClosedSelectorException | ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // one bad datagram or a failing listener must not end the session
                LOG.log(System.Logger.Level.WARNING, "RTP receive loop on " + localRtpAddress(), e);
            }
        }
    }

    private void drain(DatagramChannel channel, ByteBuffer buffer, RtpPacket packet, RtcpReceiver rtcpReceiver) {
        try {
            SocketAddress from;
            while (!closed && (from = channel.receive(buffer.clear())) != null) {
                byte[] data = buffer.array();
                int length = buffer.position();
                if (channel == rtcpChannel && (channel != rtpChannel || isMultiplexedRtcp(data, length))) {
                    receiveRtcp(data, length, (InetSocketAddress) from, rtcpReceiver);
                } else {
                    receiveRtp(data, length, (InetSocketAddress) from, packet);
                }
            }
        } catch (ClosedChannelException e) {
            // close() is under way
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "receiving on " + localAddress(channel), e);
        }
    }

    /** RFC 5761 4: RTCP packet types 192..223 cannot be RTP payload types 64..95 with the marker bit. */
    private static boolean isMultiplexedRtcp(byte[] data, int length) {
        int type = length > 1 ? data[1] & 0xff : 0;
        return type >= 192 && type <= 223;
    }

    private void receiveRtp(byte[] data, int length, InetSocketAddress from, RtpPacket packet) {
        RtpParseResult result = packet.parse(data, 0, length);
        boolean deliver = false;
        synchronized (lock) {
            if (result != RtpParseResult.VALID) {
                malformedRtp.merge(result, 1L, Long::sum);
                return;
            }
            if (packet.ssrc() == ssrc) {
                return; // our own packets looped back: not a peer
            }
            long now = System.nanoTime();
            lastRtpNanos = now;
            inactivityReported = false;
            // the source found last needs no map look-up, which would box its SSRC: no garbage per packet
            SourceStatistics source = cachedSource != null && cachedSource.ssrc() == packet.ssrc() ? cachedSource
                    : sources.computeIfAbsent(packet.ssrc(), newSsrc -> new SourceStatistics(newSsrc, packet.sequenceNumber()));
            cachedSource = source;
            if (source.accept(packet.sequenceNumber())) {
                source.arrived(rtpClock(now), packet.timestamp(), packet.payloadLength());
                lastHeard = source;
                latchedRtp = from;
                deliver = true;
            }
        }
        if (deliver) {
            listener.received(packet);
        }
    }

    private void receiveRtcp(byte[] data, int length, InetSocketAddress from, RtcpReceiver rtcpReceiver) {
        rtcpReceiver.byes = 0;
        synchronized (lock) {
            rtcpReceiver.arrivalNanos = System.nanoTime();
            rtcpReceiver.arrivalNtp = NtpTime.of(Instant.now());
            if (Rtcp.read(data, 0, length, rtcpReceiver) != Rtcp.Defect.NONE) {
                malformedRtcp++;
                return;
            }
            latchedRtcp = from;
            averageRtcpSize = (length + IP_UDP_OVERHEAD) / 16.0 + averageRtcpSize * 15 / 16;
        }
        listener.reportReceived(quality());
        for (int i = 0; i < rtcpReceiver.byes; i++) {
            listener.bye(rtcpReceiver.byeSources[i]);
        }
    }

    /** Applies a compound packet's parts to the session's state; runs under {@link #lock}. */
    private final class RtcpReceiver implements Rtcp.Handler {
        final long[] byeSources = new long[31];
        int byes;
        long arrivalNanos;
        long arrivalNtp;

        @Override
        public void senderReport(long sender, long ntpTimestamp, long rtpTimestamp, long packetCount,
                long octetCount) {
            lastSenderReports.put(sender, new long[] {NtpTime.middle32(ntpTimestamp), arrivalNanos});
        }

        @Override
        public void reportBlock(long reporter, long source, int fractionLost, int cumulativeLost,
                long extendedHighestSequence, long jitter, long lastSenderReport, long delaySinceLastSenderReport) {
            if (source != ssrc || lastSenderReport == 0) {
                return;
            }
            long units = NtpTime.roundTrip(NtpTime.middle32(arrivalNtp), lastSenderReport, delaySinceLastSenderReport);
            if (units >= 0) {
                roundTrip = Duration.ofNanos(units * 1_000_000_000L / 65536);
            }
        }

        @Override
        public void cname(long source, String name) {
            // kept for lip sync across sessions later; nothing uses it yet
        }

        @Override
        public void bye(long source) {
            if (byes < byeSources.length) {
                byeSources[byes++] = source;
            }
            if (sources.remove(source) == cachedSource) {
                // a source that comes back after BYE starts over, not in the statistics it left
                cachedSource = null;
            }
        }
    }

    private void runTimers() {
        Duration silentFor = null;
        synchronized (lock) {
            long now = System.nanoTime();
            if (now - nextReportNanos >= 0) {
                onReportTimer(now);
            }
            long silent = now - lastRtpNanos;
            if (!inactivityReported && silent >= options.inactivityTimeout().toNanos()) {
                inactivityReported = true;
                silentFor = Duration.ofNanos(silent);
            }
        }
        if (silentFor != null) {
            listener.inactive(silentFor);
        }
    }

    private long millisUntilNextTimer() {
        synchronized (lock) {
            long now = System.nanoTime();
            long next = nextReportNanos;
            if (!inactivityReported) {
                long inactivityDeadline = lastRtpNanos + options.inactivityTimeout().toNanos();
                next = next - inactivityDeadline < 0 ? next : inactivityDeadline;
            }
            // select(0) would block forever
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
        }
    }

    /** RFC 3550 A.7 OnExpire with timer reconsideration: send only if the recomputed interval has passed. */
    private void onReportTimer(long now) {
        long reconsidered = previousReportNanos + reportIntervalNanos();
        if (reconsidered - now > 0) {
            nextReportNanos = reconsidered;
            return;
        }
        sendReport(false);
        previousReportNanos = now;
        initialReport = false;
        nextReportNanos = now + reportIntervalNanos();
    }

    private long reportIntervalNanos() {
        int validSources = (int) sources.values().stream().filter(SourceStatistics::validated).count();
        boolean weSent = weSent();
        double seconds = RtcpInterval.deterministic(1 + validSources, validSources + (weSent ? 1 : 0),
                options.sessionBandwidth() * RTCP_SHARE / 8, weSent, averageRtcpSize, initialReport,
                options.minimumRtcpInterval().toNanos() / 1e9);
        return (long) (RtcpInterval.randomised(seconds, ThreadLocalRandom.current().nextDouble()) * 1e9);
    }

    /** RFC 3550 6.3: a sender is one that sent RTP since the report before the previous one. */
    private boolean weSent() {
        return packetsSent > packetsSentAtReportBeforeThat;
    }

    /** Sends SR or RR, SDES CNAME and, when leaving, BYE; runs under {@link #lock}. */
    private void sendReport(boolean leaving) {
        InetSocketAddress target = rtcpTarget();
        if (target == null) {
            return;
        }
        long now = System.nanoTime();
        Rtcp.ReportBlock[] blocks = reportBlocks(now);
        int length;
        if (weSent()) {
            long rtpNow = lastTimestamp + (now - lastSendNanos) * clockRate / 1_000_000_000L;
            length = Rtcp.writeSenderReport(rtcpBuffer, 0, ssrc, NtpTime.of(Instant.now()), rtpNow & 0xffff_ffffL,
                    packetsSent, octetsSent, blocks, blocks.length);
        } else {
            length = Rtcp.writeReceiverReport(rtcpBuffer, 0, ssrc, blocks, blocks.length);
        }
        length = Rtcp.writeCname(rtcpBuffer, length, ssrc, cname);
        if (leaving) {
            length = Rtcp.writeBye(rtcpBuffer, length, ssrc);
        }
        packetsSentAtReportBeforeThat = packetsSentAtPreviousReport;
        packetsSentAtPreviousReport = packetsSent;
        averageRtcpSize = (length + IP_UDP_OVERHEAD) / 16.0 + averageRtcpSize * 15 / 16;
        try {
            rtcpChannel.send(rtcpView.clear().limit(length), target);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot send RTCP to " + target, e);
        }
    }

    private Rtcp.ReportBlock[] reportBlocks(long now) {
        return sources.values().stream().filter(SourceStatistics::validated).limit(Rtcp.MAX_REPORT_BLOCKS)
                .map(source -> {
                    long[] senderReport = lastSenderReports.get(source.ssrc());
                    long lastSenderReport = senderReport == null ? 0 : senderReport[0];
                    long delay = senderReport == null ? 0 : (now - senderReport[1]) * 65536 / 1_000_000_000L;
                    return new Rtcp.ReportBlock(source.ssrc(), source.takeFractionLost(), source.cumulativeLostField(),
                            source.extendedHighestSequence() & 0xffff_ffffL, source.jitter() & 0xffff_ffffL,
                            lastSenderReport, delay & 0xffff_ffffL);
                })
                .toArray(Rtcp.ReportBlock[]::new);
    }

    private InetSocketAddress rtcpTarget() {
        if (latchedRtcp != null) {
            return latchedRtcp;
        }
        if (signalledRtcp != null && latchedRtp == null) {
            return signalledRtcp;
        }
        InetSocketAddress rtp = latchedRtp != null ? latchedRtp : signalledRtp;
        if (rtp == null) {
            return null;
        }
        return options.rtcpMux() ? rtp : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
    }

    /** Now in RTP clock units since the session opened, for jitter. */
    private long rtpClock(long nanos) {
        return (nanos - openedNanos) * clockRate / 1_000_000_000L;
    }

    private static InetSocketAddress localAddress(DatagramChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("session closed", e);
        }
    }

    private static DatagramChannel[] bindOne(InetAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(address, 0));
            return new DatagramChannel[] {channel};
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** RFC 3550 11: RTP on an even port, RTCP on the next one. */
    private static DatagramChannel[] bindPair(InetAddress address) throws IOException {
        for (int attempt = 0; attempt < PORT_PAIR_ATTEMPTS; attempt++) {
            DatagramChannel rtp = bindOne(address)[0];
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if (port % 2 == 0 && port < 65535) {
                DatagramChannel rtcp = DatagramChannel.open();
                try {
                    rtcp.bind(new InetSocketAddress(address, port + 1));
                    return new DatagramChannel[] {rtp, rtcp};
                } catch (IOException portTaken) {
                    rtcp.close();
                }
            }
            rtp.close();
        }
        throw new IOException("no free even/odd UDP port pair on " + address + " after " + PORT_PAIR_ATTEMPTS
                + " attempts");
    }

    private static void closeAll(DatagramChannel[] channels) {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + channel, e);
            }
        }
    }
}

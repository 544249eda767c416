package dev.switchboard.media.rtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of one session for display. Receive-side figures are about the peer source heard most
 * recently.
 *
 * @param packetsSent RTP packets sent
 * @param payloadOctetsSent payload bytes sent (RTP headers excluded, as in an RTCP SR)
 * @param packetsReceived RTP packets received from validated sources, duplicates included
 * @param payloadOctetsReceived their payload bytes
 * @param cumulativeLost packets expected but not received (RFC 3550 A.3); negative with duplicates
 * @param fractionLost the share lost in the last RTCP report interval, 0..1
 * @param jitterMillis interarrival jitter (RFC 3550 A.8) in milliseconds
 * @param roundTripTime from the peer's last report on our SR (RFC 3550 6.4.1), once there is one
 * @param remoteRtp where RTP is being sent, once known
 * @param malformedRtp rejected datagrams on the RTP port, by reason (reasons never seen are absent)
 * @param malformedRtcp rejected RTCP compound packets
 */
public record RtpQuality(long packetsSent, long payloadOctetsSent, long packetsReceived, long payloadOctetsReceived,
        long cumulativeLost, double fractionLost, double jitterMillis, Optional<Duration> roundTripTime,
        Optional<InetSocketAddress> remoteRtp, Map<RtpParseResult, Long> malformedRtp, long malformedRtcp) {

    public RtpQuality {
        malformedRtp = Map.copyOf(malformedRtp);
    }
}

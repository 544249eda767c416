package dev.switchboard.media.rtp;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One RTP session (one media stream) on a local UDP port pair, or on one port with rtcp-mux (RFC 5761).
 * Sending is thread-safe; received packets and events reach the {@link RtpSessionListener} on the
 * session's own receive thread. {@link #close()} sends an RTCP BYE, stops that thread and frees the ports
 * before it returns.
 */
@ProviderType
public interface RtpSession extends AutoCloseable {

    /** Where this session receives RTP. */
    InetSocketAddress localRtpAddress();

    /** Where this session receives RTCP: the RTP port + 1, or the RTP address itself with rtcp-mux. */
    InetSocketAddress localRtcpAddress();

    /** This session's synchronisation source, chosen at random. */
    long ssrc();

    /**
     * Sets where the peer said it receives (from SDP or the like). Once the peer's own packets arrive, the
     * session sends to the address they come from instead (symmetric RTP, RFC 4961), which is what gets
     * media through NATs.
     *
     * @param rtcp the peer's RTCP address, or null for the RTP port + 1 (the RTP address with rtcp-mux)
     */
    void remote(InetSocketAddress rtp, InetSocketAddress rtcp);

    /**
     * Sends one payload. The first packet gets the session's random initial timestamp; each later one the
     * previous timestamp plus {@code timestampAdvance} (the clock ticks since the previous packet, silence
     * included). The marker bit is set on the first packet and whenever {@code talkSpurtStart} is true.
     *
     * @throws IllegalStateException if no remote address is known yet, or the session is closed
     */
    void send(int payloadType, byte[] payload, int offset, int length, int timestampAdvance, boolean talkSpurtStart);

    /**
     * Sets the payload format's RTP clock rate when it changes from the one the session was opened with
     * (a re-INVITE to a codec with another clock, e.g. from PCMU's 8000 to Opus's 48000), so that jitter
     * and sender-report timestamps are counted in the right ticks. Receive statistics start over.
     *
     * @since 1.1
     */
    void clockRate(int clockRate);

    /** Counters and measurements as of now. */
    RtpQuality quality();

    /** Sends BYE, stops receiving and frees the ports; idempotent. */
    @Override
    void close();
}

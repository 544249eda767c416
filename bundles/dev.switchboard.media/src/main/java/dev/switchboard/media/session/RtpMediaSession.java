package dev.switchboard.media.session;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/** A call whose audio travels as RTP (SIP, H.323). */
@ProviderType
public interface RtpMediaSession extends MediaSession {

    /** Where we receive RTP (for our SDP / H.245 OpenLogicalChannel). */
    InetSocketAddress localRtpAddress();

    /** Where we receive RTCP (same as RTP when multiplexed). */
    InetSocketAddress localRtcpAddress();

    /**
     * Where the peer receives, from SDP or H.245. Symmetric RTP then follows the peer's real source.
     *
     * @param rtcp the peer's RTCP address, or null for RTP port + 1 (or the RTP address when multiplexed)
     */
    void remote(InetSocketAddress rtp, InetSocketAddress rtcp);
}

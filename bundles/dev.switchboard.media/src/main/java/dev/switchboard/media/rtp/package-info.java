/**
 * RTP and RTCP (RFC 3550, profile RFC 3551) for every protocol adapter of the media engine.
 * <p>
 * {@link dev.switchboard.media.rtp.RtpPacket} reads and writes single RTP packets in place, without copying
 * payloads. {@link dev.switchboard.media.rtp.RtpSessionFactory} opens an
 * {@link dev.switchboard.media.rtp.RtpSession} on a local UDP address: it sends payloads, validates and
 * measures what it receives (RFC 3550 appendix A), exchanges RTCP reports, and offers a
 * {@link dev.switchboard.media.rtp.RtpQuality} snapshot for display. Signalling (SDP, IAX2, H.245) stays
 * in the protocol adapters; they only tell the session where the peer said it listens.
 */
@Version("1.1.0")
package dev.switchboard.media.rtp;

import org.osgi.annotation.versioning.Version;

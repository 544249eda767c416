/**
 * Per-call media: what a protocol adapter (SIP, IAX2, H.323) opens for one call once signalling has
 * agreed on a format.
 * <p>
 * {@link dev.switchboard.media.session.MediaSessionFactory} opens an
 * {@link dev.switchboard.media.session.RtpMediaSession} (audio as RTP, for SIP and H.323) or a
 * {@link dev.switchboard.media.session.FramedMediaSession} (the protocol carries voice frames itself,
 * as IAX2 does: encoded frames leave through a {@link dev.switchboard.media.session.VoiceFrameSink} and
 * come back through {@code receive}). Both run the same pipeline: capture device, encoder, transport,
 * jitter buffer, decoder, playback device, with mute, hold, DTMF (RFC 4733 or in-band), levels,
 * quality, recording and local tones. Device failures never end a call: the session reports
 * {@link dev.switchboard.media.session.MediaSessionListener#deviceFailed} and goes on with silence.
 * <p>
 * {@link dev.switchboard.media.session.ConferenceMixer} joins sessions of any protocol and codec into a
 * local conference with mix-minus; {@link dev.switchboard.media.session.TonePlayer} plays call-progress
 * tones on a device outside a call.
 * <p>
 * Listener calls come from media threads and must return quickly.
 * <p>
 * 1.2.0: {@link dev.switchboard.media.session.MediaFormat#receivePayloadType()} (the peer may send the codec
 * with another payload type than ours, as H.245 allows) and {@link dev.switchboard.media.session.MediaFormat#frameMillis()}.
 * <p>
 * 1.3.0: {@link dev.switchboard.media.session.MediaSession#flowingLevels()} (levels of the ways audio flows, for meters).
 */
@Version("1.3.0")
package dev.switchboard.media.session;

import org.osgi.annotation.versioning.Version;

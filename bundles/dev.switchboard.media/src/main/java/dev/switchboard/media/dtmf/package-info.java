/**
 * DTMF for the media engine: the events (digits 0-9, *, #, A-D and hook flash), the RFC 4733
 * telephone-event payload, and the values the senders, receivers and in-band detectors hand over.
 * <p>
 * A {@link dev.switchboard.media.dtmf.TelephoneEvent} is one 4-byte payload; a
 * {@link dev.switchboard.media.dtmf.TelephoneEventPacket} is what the RTP layer sends for it (marker
 * and timestamp); a {@link dev.switchboard.media.dtmf.DtmfDigit} is one event as recognised at the
 * receiving end, reported once however many packets carried it.
 */
@Version("1.0.0")
package dev.switchboard.media.dtmf;

import org.osgi.annotation.versioning.Version;

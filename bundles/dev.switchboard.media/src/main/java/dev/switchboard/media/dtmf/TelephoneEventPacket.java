package dev.switchboard.media.dtmf;

/**
 * One telephone-event RTP packet to send: the RTP layer gives it the next sequence number and the
 * negotiated payload type, and sends {@code payload} with this marker and timestamp.
 *
 * @param marker    set on the first packet of an event (§2.5.1.1), not on later segments of a long one
 * @param timestamp RTP timestamp of the event's (segment's) start, 32-bit unsigned
 * @param payload   the telephone-event payload
 */
public record TelephoneEventPacket(boolean marker, long timestamp, TelephoneEvent payload) {
}

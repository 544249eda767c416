package dev.switchboard.media.dtmf;

/**
 * One DTMF event as recognised by a receiver or tone detector.
 *
 * @param event     the digit or hook flash
 * @param timestamp where it began: the RTP timestamp of the event for RFC 4733, the index of the
 *                  first sample of the analysis window that confirmed it for in-band detection
 */
public record DtmfDigit(DtmfEvent event, long timestamp) {
}

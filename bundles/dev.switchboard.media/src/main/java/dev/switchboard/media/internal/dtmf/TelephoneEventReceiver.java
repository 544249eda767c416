package dev.switchboard.media.internal.dtmf;

import dev.switchboard.media.dtmf.DtmfDigit;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.dtmf.TelephoneEvent;
import dev.switchboard.media.rtp.RtpPacket;

/**
 * Turns the telephone-event packets of one RTP source into digits, each reported once.
 * <p>
 * RFC 4733 identifies an event by its RTP timestamp (§2.5.2.1), so a digit is reported by the first
 * packet that carries a timestamp not seen before, whether or not that is the marked first packet
 * (which may be lost). Updates, the repeated end packets and duplicates share the timestamp and are
 * absorbed; packets of an event that began before the current one (reordered or late
 * retransmissions) are dropped, as long as that is at most 0xFFFF units (8 s at 8 kHz) before it:
 * a timestamp further back is the sender's clock jumping (a restarted or switched stream), and
 * starts a new event.
 * A long event split into segments (§2.5.2.3) continues the current event: same code, no marker,
 * the current one not ended, and a timestamp exactly 0xFFFF units later (§2.5.1.3 starts the next
 * segment where the full one ends); anything else with a new timestamp is a new press, even of the
 * same key after its end packets were all lost. One instance per SSRC;
 * not thread-safe (the RTP receive thread owns it).
 */
public final class TelephoneEventReceiver {
    private boolean anyEvent;
    private long currentTimestamp;
    private int currentCode;
    private boolean currentEnded;

    /** Feeds one packet's telephone-event payload; returns the digit it starts, or null. */
    public DtmfDigit receive(boolean marker, long timestamp, byte[] payload, int offset, int length) {
        if (length < TelephoneEvent.LENGTH) {
            return null;
        }
        TelephoneEvent payloadEvent = TelephoneEvent.read(payload, offset, length);
        DtmfEvent event = DtmfEvent.ofCode(payloadEvent.event());
        if (event == null) {
            return null;
        }
        if (anyEvent) {
            int sinceCurrent = (int) (timestamp - currentTimestamp);
            if (sinceCurrent == 0 && payloadEvent.event() == currentCode) {
                currentEnded |= payloadEvent.end();
                return null;
            }
            if (sinceCurrent < 0 && sinceCurrent >= -TelephoneEvent.MAX_DURATION) {
                return null;
            }
            if (!marker && !currentEnded && payloadEvent.event() == currentCode
                    && sinceCurrent == TelephoneEvent.MAX_DURATION) {
                currentTimestamp = timestamp & 0xFFFF_FFFFL;
                currentEnded = payloadEvent.end();
                return null;
            }
        }
        anyEvent = true;
        currentTimestamp = timestamp & 0xFFFF_FFFFL;
        currentCode = payloadEvent.event();
        currentEnded = payloadEvent.end();
        return new DtmfDigit(event, currentTimestamp);
    }

    /** Feeds a parsed RTP packet whose payload type is the negotiated telephone-event type. */
    public DtmfDigit receive(RtpPacket packet) {
        return receive(packet.marker(), packet.timestamp(), packet.payloadArray(), packet.payloadOffset(),
                packet.payloadLength());
    }
}

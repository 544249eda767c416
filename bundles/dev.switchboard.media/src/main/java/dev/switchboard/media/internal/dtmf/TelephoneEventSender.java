package dev.switchboard.media.internal.dtmf;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.dtmf.TelephoneEvent;
import dev.switchboard.media.dtmf.TelephoneEventPacket;

/**
 * What an RFC 4733 sender transmits for one event, computed up front so that the RTP layer only
 * has to send it, in order, each with the next RTP sequence number. A packet is due once the event
 * has lasted as long as its payload says, counted from its segment's start (segment {@code n} starts
 * {@code n * 0xFFFF} units in): updates every packet interval, the packet closing a full segment on
 * the same tick as the first of the next, and the three copies of the end packet one after another
 * when the event ends.
 */
public final class TelephoneEventSender {
    /** §2.5.1.4: the end packet is sent three times so that losing one does not lose the end. */
    public static final int END_PACKET_COPIES = 3;

    private TelephoneEventSender() {
    }

    /**
     * The packets for one event.
     *
     * @param event          digit or hook flash
     * @param startTimestamp RTP timestamp of the event's start (32-bit unsigned)
     * @param duration       length of the event in timestamp units (at least 1)
     * @param packetInterval timestamp units between updates, e.g. 400 for 50 ms at 8 kHz or the audio ptime
     * @param volume         power level in -dBm0 (0-63) for digits; RFC 4733 §2.5.2.1 says 0 for hook flash
     */
    public static List<TelephoneEventPacket> packets(DtmfEvent event, long startTimestamp, long duration,
            int packetInterval, int volume) {
        if (duration < 1) {
            throw new IllegalArgumentException("an event lasts at least one timestamp unit: " + duration);
        }
        if (packetInterval < 1 || packetInterval > TelephoneEvent.MAX_DURATION) {
            throw new IllegalArgumentException("packet interval out of range: " + packetInterval);
        }
        int level = event.hasTone() ? volume : 0;
        List<TelephoneEventPacket> packets = new ArrayList<>();
        int segment = 0;
        for (long elapsed = packetInterval; elapsed < duration; elapsed += packetInterval) {
            int segmentOfElapsed = (int) ((elapsed - 1) / TelephoneEvent.MAX_DURATION);
            if (segmentOfElapsed != segment) {
                // §2.5.1.3: close the full segment at the largest duration before starting the next,
                // so a receiver adding up segments gets the true length.
                packets.add(update(event, startTimestamp, segment, TelephoneEvent.MAX_DURATION, false, level,
                        packets.isEmpty()));
                segment = segmentOfElapsed;
            }
            packets.add(update(event, startTimestamp, segment, elapsed - (long) segment * TelephoneEvent.MAX_DURATION,
                    false, level, packets.isEmpty()));
        }
        int lastSegment = (int) ((duration - 1) / TelephoneEvent.MAX_DURATION);
        if (lastSegment != segment) {
            packets.add(update(event, startTimestamp, segment, TelephoneEvent.MAX_DURATION, false, level,
                    packets.isEmpty()));
        }
        for (int copy = 0; copy < END_PACKET_COPIES; copy++) {
            packets.add(update(event, startTimestamp, lastSegment,
                    duration - (long) lastSegment * TelephoneEvent.MAX_DURATION, true, level, packets.isEmpty()));
        }
        return List.copyOf(packets);
    }

    private static TelephoneEventPacket update(DtmfEvent event, long startTimestamp, int segment, long duration,
            boolean end, int volume, boolean first) {
        long timestamp = (startTimestamp + (long) segment * TelephoneEvent.MAX_DURATION) & 0xFFFF_FFFFL;
        return new TelephoneEventPacket(first, timestamp, new TelephoneEvent(event.code(), end, volume, (int) duration));
    }
}

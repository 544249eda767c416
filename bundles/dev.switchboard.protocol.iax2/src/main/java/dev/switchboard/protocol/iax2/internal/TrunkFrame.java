package dev.switchboard.protocol.iax2.internal;

import java.util.List;

/**
 * A meta trunk frame (RFC 5456 section 8.1.3.1): the voice of several calls between two peers in
 * one datagram. Accepted on receive only; every entry is handled like a mini frame.
 *
 * @param perCallTimestamps whether each entry carries its own 16-bit timestamp (command data bit 0)
 */
record TrunkFrame(long timestamp, boolean perCallTimestamps, List<Entry> entries) implements IaxFrame {

    /** @param timestamp16 the entry's own timestamp, or -1 when the trunk has none per call */
    record Entry(int sourceCall, int timestamp16, byte[] payload) {
    }
}

package dev.switchboard.media.dtmf;

/**
 * One RFC 4733 §2.3 telephone-event payload: event code, end bit, volume (0-63, in -dBm0) and
 * duration in RTP timestamp units since the event (segment) began.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** Bytes in one payload. */
    public static final int LENGTH = 4;
    /** Largest duration a single payload can carry (§2.5.1.3: longer events are split into segments). */
    public static final int MAX_DURATION = 0xFFFF;
    /** Largest volume; a volume of 63 means -63 dBm0 or quieter. */
    public static final int MAX_VOLUME = 63;

    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("event code out of range: " + event);
        }
        if (volume < 0 || volume > MAX_VOLUME) {
            throw new IllegalArgumentException("volume out of range: " + volume);
        }
        if (duration < 0 || duration > MAX_DURATION) {
            throw new IllegalArgumentException("duration out of range: " + duration);
        }
    }

    /** Writes the four payload bytes at {@code offset}; the reserved R bit is sent as zero. */
    public void write(byte[] out, int offset) {
        out[offset] = (byte) event;
        out[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
        out[offset + 2] = (byte) (duration >>> 8);
        out[offset + 3] = (byte) duration;
    }

    /** The payload as a new 4-byte array. */
    public byte[] toBytes() {
        byte[] bytes = new byte[LENGTH];
        write(bytes, 0);
        return bytes;
    }

    /**
     * Reads the first event of a payload. Payloads longer than four bytes (RFC 2198 redundancy is
     * not negotiated, but padding-free extras are tolerated) are read for their first event only; the
     * reserved bit is ignored as §2.3 requires.
     *
     * @throws IllegalArgumentException if fewer than four bytes are given
     */
    public static TelephoneEvent read(byte[] data, int offset, int length) {
        if (length < LENGTH) {
            throw new IllegalArgumentException("telephone-event payload needs 4 bytes, got " + length);
        }
        int event = data[offset] & 0xFF;
        boolean end = (data[offset + 1] & 0x80) != 0;
        int volume = data[offset + 1] & 0x3F;
        int duration = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
        return new TelephoneEvent(event, end, volume, duration);
    }
}

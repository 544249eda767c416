package dev.switchboard.codec.opus.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes one logical Ogg bitstream (RFC 3533): packets laced into pages, each page closed with the
 * granule position of the last packet that ends on it.
 */
final class OggPageWriter {

    static final int FLAG_CONTINUED = 0x01;
    static final int FLAG_FIRST = 0x02;
    static final int FLAG_LAST = 0x04;
    private static final int MAX_SEGMENTS = 255;

    private final OutputStream out;
    private final int serial;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream segments = new ByteArrayOutputStream();
    private int sequence;
    private boolean firstPageWritten;

    OggPageWriter(OutputStream out, int serial) {
        this.out = out;
        this.serial = serial;
    }

    /** Adds a packet to the current page; the page is written by {@link #flush}. Packets larger than one page are not needed here. */
    void add(byte[] packet, int length) {
        int laces = length / 255 + 1;
        if (laces > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a packet of " + length + " bytes does not fit in one Ogg page");
        }
        for (int i = 0; i < laces - 1; i++) {
            segments.write(255);
        }
        segments.write(length % 255);
        body.write(packet, 0, length);
    }

    /** Whether another packet of {@code length} bytes still fits on the current page. */
    boolean fits(int length) {
        return segments.size() + length / 255 + 1 <= MAX_SEGMENTS;
    }

    boolean isEmpty() {
        return segments.size() == 0;
    }

    /** Writes the current page with the given granule position. */
    void flush(long granulePosition, boolean last) throws IOException {
        byte[] laces = segments.toByteArray();
        byte[] payload = body.toByteArray();
        ByteBuffer page = ByteBuffer.allocate(27 + laces.length + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        page.put((byte) 'O').put((byte) 'g').put((byte) 'g').put((byte) 'S').put((byte) 0);
        page.put((byte) ((firstPageWritten ? 0 : FLAG_FIRST) | (last ? FLAG_LAST : 0)));
        page.putLong(granulePosition).putInt(serial).putInt(sequence++).putInt(0).put((byte) laces.length);
        page.put(laces).put(payload);
        byte[] bytes = page.array();
        page.putInt(22, OggCrc.of(bytes, 0, bytes.length));
        out.write(bytes);
        firstPageWritten = true;
        segments.reset();
        body.reset();
    }
}

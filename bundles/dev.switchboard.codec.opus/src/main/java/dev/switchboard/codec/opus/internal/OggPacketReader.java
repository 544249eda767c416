package dev.switchboard.codec.opus.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads the packets of the first logical bitstream of an Ogg file (RFC 3533), checking every page's
 * CRC, and tracks the granule position of the last page read.
 */
final class OggPacketReader {

    private final ByteBuffer file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private byte[] segmentTable = new byte[0];
    private int nextSegment;
    private int bodyPosition;
    private Integer serial;
    private long granulePosition = -1;
    private boolean lastPageSeen;

    OggPacketReader(byte[] content) {
        file = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The next whole packet, or null at the end of the stream. */
    byte[] next() throws IOException {
        while (true) {
            while (nextSegment < segmentTable.length) {
                int lace = segmentTable[nextSegment++] & 0xFF;
                partial.write(file.array(), bodyPosition, lace);
                bodyPosition += lace;
                if (lace < 255) {
                    byte[] packet = partial.toByteArray();
                    partial.reset();
                    return packet;
                }
            }
            if (lastPageSeen || !readPage()) {
                if (partial.size() > 0) {
                    throw new IOException("the Ogg stream ends inside a packet");
                }
                return null;
            }
        }
    }

    /** Granule position of the last page read (-1 before any). */
    long granulePosition() {
        return granulePosition;
    }

    private boolean readPage() throws IOException {
        while (true) {
            int start = file.position();
            if (file.remaining() == 0) {
                return false;
            }
            if (file.remaining() < 4 || file.getInt(start) != 0x5367_674F) { // "OggS" little-endian
                throw new IOException("no Ogg page at byte " + start + (start == 0 ? " (not an Ogg file)" : ""));
            }
            if (file.remaining() < 27) {
                throw new IOException("truncated Ogg page at byte " + start);
            }
            int flags = file.get(start + 5) & 0xFF;
            long granule = file.getLong(start + 6);
            int pageSerial = file.getInt(start + 14);
            int crc = file.getInt(start + 22);
            int laces = file.get(start + 26) & 0xFF;
            if (file.remaining() < 27 + laces) {
                throw new IOException("truncated Ogg page at byte " + start);
            }
            byte[] table = Arrays.copyOfRange(file.array(), start + 27, start + 27 + laces);
            int bodyLength = 0;
            for (byte lace : table) {
                bodyLength += lace & 0xFF;
            }
            int pageLength = 27 + laces + bodyLength;
            if (file.remaining() < pageLength) {
                throw new IOException("truncated Ogg page at byte " + start);
            }
            byte[] page = Arrays.copyOfRange(file.array(), start, start + pageLength);
            Arrays.fill(page, 22, 26, (byte) 0);
            if (OggCrc.of(page, 0, page.length) != crc) {
                throw new IOException("Ogg page at byte " + start + " fails its CRC check (corrupt file)");
            }
            file.position(start + pageLength);
            if (serial == null) {
                serial = pageSerial;
            } else if (serial != pageSerial) {
                continue; // another logical stream multiplexed in: not ours
            }
            if ((flags & OggPageWriter.FLAG_CONTINUED) == 0 && partial.size() > 0) {
                throw new IOException("Ogg page at byte " + start + " drops the unfinished packet before it");
            }
            segmentTable = table;
            nextSegment = 0;
            bodyPosition = start + 27 + laces;
            if (granule != -1) {
                granulePosition = granule;
            }
            lastPageSeen = (flags & OggPageWriter.FLAG_LAST) != 0;
            return true;
        }
    }
}

package dev.switchboard.codec.opus.internal;

/** The CRC-32 of Ogg pages (RFC 3533): polynomial 0x04C11DB7, not reflected, initial value 0, no final XOR. */
final class OggCrc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000_0000) != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1;
            }
            TABLE[i] = crc;
        }
    }

    private OggCrc() {
    }

    static int of(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}

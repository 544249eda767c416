package dev.switchboard.protocol.h323.internal.per;

import java.util.Arrays;
import java.util.HexFormat;

/** A BIT STRING value: {@code bitLength} bits, first bit in the most significant bit of {@code bytes[0]}. */
public record BitString(byte[] bytes, int bitLength) {
    public BitString {
        if (bitLength < 0 || bytes.length != (bitLength + 7) / 8) {
            throw new IllegalArgumentException("bit length " + bitLength + " does not match " + bytes.length + " octets");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitString b && b.bitLength == bitLength && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + bitLength;
    }

    @Override
    public String toString() {
        return bitLength + " bits " + HexFormat.of().formatHex(bytes);
    }
}

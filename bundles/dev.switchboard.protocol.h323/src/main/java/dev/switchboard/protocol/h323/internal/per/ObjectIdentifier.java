package dev.switchboard.protocol.h323.internal.per;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.stream.Collectors;

/** OBJECT IDENTIFIER value; the PER contents are the BER contents octets (X.690 8.19). */
public record ObjectIdentifier(long[] arcs) {
    public ObjectIdentifier {
        if (arcs.length < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) {
            throw new IllegalArgumentException("invalid object identifier " + Arrays.toString(arcs));
        }
        arcs = arcs.clone();
    }

    public static ObjectIdentifier parse(String dotted) {
        return new ObjectIdentifier(Arrays.stream(dotted.split("\\.")).mapToLong(Long::parseLong).toArray());
    }

    @Override
    public long[] arcs() {
        return arcs.clone();
    }

    byte[] contents() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeSubidentifier(out, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            writeSubidentifier(out, arcs[i]);
        }
        return out.toByteArray();
    }

    private static void writeSubidentifier(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (PerOutput.bitsFor(value) + 6) / 7);
        for (int g = groups - 1; g >= 0; g--) {
            out.write((int) ((value >>> (g * 7)) & 0x7F) | (g > 0 ? 0x80 : 0));
        }
    }

    static ObjectIdentifier fromContents(byte[] contents) {
        long[] sub = new long[contents.length];
        int count = 0;
        long value = 0;
        int groupsInValue = 0;
        for (int i = 0; i < contents.length; i++) {
            int b = contents[i] & 0xFF;
            if (groupsInValue == 0 && b == 0x80) {
                throw new PerException("object identifier subidentifier with a leading 0x80 octet");
            }
            if (++groupsInValue > 9) {
                throw new PerException("object identifier subidentifier too large");
            }
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                sub[count++] = value;
                value = 0;
                groupsInValue = 0;
            }
        }
        if (count == 0 || groupsInValue != 0) {
            throw new PerException("truncated object identifier");
        }
        long first = sub[0];
        long[] arcs = new long[count + 1];
        arcs[0] = first < 40 ? 0 : first < 80 ? 1 : 2;
        arcs[1] = first - arcs[0] * 40;
        System.arraycopy(sub, 1, arcs, 2, count - 1);
        return new ObjectIdentifier(arcs);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectIdentifier o && Arrays.equals(o.arcs, arcs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(arcs);
    }

    @Override
    public String toString() {
        return Arrays.stream(arcs).mapToObj(Long::toString).collect(Collectors.joining("."));
    }
}

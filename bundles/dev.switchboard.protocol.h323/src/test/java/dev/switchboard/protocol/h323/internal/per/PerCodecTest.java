package dev.switchboard.protocol.h323.internal.per;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ALIGNED PER (X.691) encodings checked bit by bit against the clause each one follows. */
class PerCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    private static void roundTrip(PerType type, Object value, String expectedHex) {
        byte[] encoded = type.encode(value);
        assertEquals(expectedHex.replace(" ", ""), HEX.formatHex(encoded));
        Object decoded = type.decode(encoded);
        if (value instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) decoded);
        } else if (!(value instanceof SequenceValue)) {
            assertEquals(value, decoded);
        }
    }

    @Test
    void constrainedWholeNumbersUseBitFieldsUpTo255AndAlignedOctetsAbove() {
        roundTrip(Asn.integer(0, 7), 5L, "a0"); // 11.5.7.1: 3-bit field 101
        roundTrip(Asn.integer(3, 6), 6L, "c0"); // offset 3 in 2 bits
        roundTrip(Asn.integer(0, 255), 200L, "c8"); // 11.5.7.2: range 256 -> one aligned octet
        roundTrip(Asn.integer(0, 65535), 1719L, "06b7"); // 11.5.7.3: two aligned octets
        roundTrip(Asn.integer(1, 65535), 29557L, "7374"); // requestSeqNum in the captured GRQ
        roundTrip(Asn.integer(5, 5), 5L, "00"); // range 1: no bits at all, complete encoding is one zero octet
        // 11.5.7.4: range > 64K: octet count 1..4 in 2 bits, then aligned value octets
        roundTrip(Asn.integer(1, 4294967295L), 60L, "003b");
        roundTrip(Asn.integer(0, 4294967295L), 4294967295L, "c0ffffffff");
        roundTrip(Asn.integer(0, 4294967295L), 256L, "400100");
    }

    @Test
    void semiConstrainedAndUnconstrainedWholeNumbers() {
        roundTrip(Asn.integer(0L, null, false), 0L, "0100"); // 11.7: length then at least one octet
        roundTrip(Asn.integer(-5L, null, false), 300L, "020131");
        roundTrip(Asn.UNCONSTRAINED_INTEGER, -1L, "01ff"); // 11.8: two's complement, fewest octets
        roundTrip(Asn.UNCONSTRAINED_INTEGER, 127L, "017f");
        roundTrip(Asn.UNCONSTRAINED_INTEGER, 128L, "020080");
        roundTrip(Asn.UNCONSTRAINED_INTEGER, -129L, "02ff7f");
        roundTrip(Asn.UNCONSTRAINED_INTEGER, 954067103L, "0438dde89f"); // a captured H.235 random
        roundTrip(Asn.UNCONSTRAINED_INTEGER, Long.MIN_VALUE, "088000000000000000");
    }

    @Test
    void extensibleIntegerSendsAnExtensionBitAndOutsideValuesUnconstrained() {
        PerType standard = Asn.integer(0L, 16383L, true); // GenericIdentifier.standard
        roundTrip(standard, 18L, "000012"); // ext bit 0, pad, range 16384 -> two aligned octets
        roundTrip(standard, 20000L, "80024e20");
    }

    @Test
    void lengthDeterminants() {
        PerOutput out = new PerOutput();
        out.writeUnconstrainedLength(127);
        out.writeUnconstrainedLength(128);
        out.writeUnconstrainedLength(16383);
        assertEquals("7f8080bfff", HEX.formatHex(out.toByteArray()));
        assertThrows(PerException.class, () -> new PerOutput().writeUnconstrainedLength(16384));
        assertThrows(PerException.class, () -> new PerInput(hex("c1")).readUnconstrainedLength());
        PerInput in = new PerInput(hex("7f8080bfff"));
        assertEquals(127, in.readUnconstrainedLength());
        assertEquals(128, in.readUnconstrainedLength());
        assertEquals(16383, in.readUnconstrainedLength());
    }

    @Test
    void normallySmallNumbersAndLengths() {
        PerOutput out = new PerOutput();
        out.writeNormallySmallNumber(5); // 0 000101
        out.writeNormallySmallLength(1); // 0 000000
        out.writeNormallySmallLength(64); // 0 111111
        assertEquals("0a01f8", HEX.formatHex(out.toByteArray()));
        PerOutput big = new PerOutput();
        big.writeNormallySmallNumber(64); // 1, then semi-constrained: aligned length 1, 0x40
        assertEquals("800140", HEX.formatHex(big.toByteArray()));
        PerInput in = new PerInput(hex("800140"));
        assertEquals(64, in.readNormallySmallNumber());
    }

    @Test
    void booleanNullEnumerated() {
        PerType seq = Asn.sequence().mandatory("a", Asn.BOOLEAN).mandatory("n", Asn.NULL)
                .mandatory("b", Asn.BOOLEAN).build();
        SequenceValue v = new SequenceValue().with("a", true).with("n", AsnNull.NULL).with("b", true);
        assertEquals("c0", HEX.formatHex(seq.encode(v)));
        PerType e = Asn.enumerated(4, true);
        roundTrip(e, new EnumeratedValue(3, false), "60"); // ext bit 0, index 11
        roundTrip(e, new EnumeratedValue(2, true), "82"); // ext bit 1, normally small 0 000010
        roundTrip(Asn.enumerated(3, false), new EnumeratedValue(2, false), "80");
    }

    @Test
    void choiceWithExtensionMarker() {
        PerType c = Asn.choice().alt("a", Asn.integer(0, 7)).alt("b", Asn.BOOLEAN).alt("c", Asn.NULL)
                .extensible().alt("d", Asn.integer(0, 255)).build();
        roundTrip(c, Asn.choose(c, "b", true), "30"); // ext 0, index 01, TRUE
        roundTrip(c, Asn.choose(c, "a", 7L), "1c"); // ext 0, index 00, 111
        // ext 1, normally small index 0, then open type: length 1, contents 0xc8
        roundTrip(c, Asn.choose(c, "d", 200L), "8001c8");
    }

    @Test
    void unknownChoiceAlternativeIsSkippedAndKeptForReencoding() {
        PerType newer = Asn.choice().alt("a", Asn.NULL).extensible().alt("x", Asn.NULL).alt("y", Asn.integer(0, 65535)).build();
        PerType older = Asn.choice().alt("a", Asn.NULL).extensible().alt("x", Asn.NULL).build();
        byte[] encoded = newer.encode(Asn.choose(newer, "y", 1000L));
        ChoiceValue decoded = (ChoiceValue) older.decode(encoded);
        assertTrue(decoded.isUnknown());
        assertEquals(1, decoded.index());
        assertArrayEquals(encoded, older.encode(decoded));
    }

    @Test
    void sequenceWithOptionalBitmapAndExtensionAdditions() {
        PerType v1 = Asn.sequence().mandatory("n", Asn.integer(0, 255)).optional("o", Asn.BOOLEAN)
                .extensible().optional("x", Asn.integer(0, 7)).build();
        PerType v2 = Asn.sequence().mandatory("n", Asn.integer(0, 255)).optional("o", Asn.BOOLEAN)
                .extensible().optional("x", Asn.integer(0, 7)).optional("y", Asn.bmpString(1, 16))
                .mandatory("z", Asn.BOOLEAN).build();
        // ext 0, o absent; then aligned n
        assertEquals("002a", HEX.formatHex(v1.encode(new SequenceValue().with("n", 42L))));
        SequenceValue full = new SequenceValue().with("n", 42L).with("o", true).with("x", 3L)
                .with("y", "hi").with("z", true);
        byte[] encoded = v2.encode(full);
        // ext 1, o present, pad; n=2a; o=1, bitmap length 3 (0 000010), bits 111, pad;
        // x: open type of 1 octet 0x60; y: 5 octets (4-bit length-1, pad, "hi" in BMP); z: 1 octet 0x80
        assertEquals("c02a" + "82e0" + "0160" + "051000680069" + "0180", HEX.formatHex(encoded));
        SequenceValue asV2 = (SequenceValue) v2.decode(encoded);
        assertEquals("hi", asV2.getString("y"));
        assertEquals(true, asV2.get("z"));
        // an older receiver skips the additions it does not know and still re-encodes identically
        SequenceValue asV1 = (SequenceValue) v1.decode(encoded);
        assertEquals(3L, asV1.getLong("x"));
        assertFalse(asV1.has("y"));
        assertEquals(List.of(1, 2), List.copyOf(asV1.unknownAdditions().keySet()));
        assertArrayEquals(encoded, v1.encode(asV1));
    }

    @Test
    void octetAndBitStrings() {
        roundTrip(Asn.octetString(4, 4), new byte[] {127, 0, 0, 1}, "7f000001"); // fixed > 2: aligned, no length
        roundTrip(Asn.octetString(2, 2), new byte[] {1, 2}, "0102");
        roundTrip(Asn.octetString(1, 256), "AB".getBytes(), "014142"); // length-1 in one aligned octet
        roundTrip(Asn.OCTET_STRING, new byte[0], "00");
        roundTrip(Asn.bitString(32, 32), new BitString(hex("80000001"), 32), "80000001");
        roundTrip(Asn.BIT_STRING, new BitString(hex("103354d06f205a40fe7908df"), 96), "60103354d06f205a40fe7908df");
        roundTrip(Asn.bitString(0, 7), new BitString(hex("a0"), 3), "60a0"); // 3-bit length, aligned bits
    }

    @Test
    void characterStringsWithPermittedAlphabet() {
        PerType dialledDigits = Asn.ia5String(1, 128, "0123456789#*,");
        // 7-bit length 3 (len-1), pad, then 4-bit indices into "#*,0123456789": 1->4 0->3 0->3 2->5
        roundTrip(dialledDigits, "1002", "06" + "4335");
        roundTrip(dialledDigits, "#*,9", "06" + "012c");
        assertThrows(PerException.class, () -> dialledDigits.encode("12a"));
        roundTrip(Asn.bmpString(1, 256), "bob", "02" + "0062006f0062");
        roundTrip(Asn.ia5String(1, 512, null), "h323:x", "0005" + "683332333a78");
        roundTrip(Asn.PRINTABLE_STRING, "Ab 1", "04" + "41622031");
        // an index beyond the alphabet is rejected on decode, never mapped to some character
        assertThrows(PerException.class, () -> dialledDigits.decode(hex("00f0")));
    }

    @Test
    void objectIdentifiers() {
        roundTrip(Asn.OBJECT_IDENTIFIER, ObjectIdentifier.parse("0.0.8.2250.0.7"), "06 0008914a0007");
        roundTrip(Asn.OBJECT_IDENTIFIER, ObjectIdentifier.parse("1.2.840.113549.2.5"), "08 2a864886f70d0205");
        assertThrows(PerException.class, () -> Asn.OBJECT_IDENTIFIER.decode(hex("02 0088"))); // unterminated arc
        assertThrows(PerException.class, () -> Asn.OBJECT_IDENTIFIER.decode(hex("02 8001"))); // 0x80 padding octet
    }

    @Test
    void sequenceOfWithAndWithoutSizeConstraint() {
        PerType list = Asn.sequenceOf(Asn.integer(0, 255));
        roundTrip(list, List.of(1L, 2L), "020102");
        PerType bounded = Asn.sequenceOf(Asn.BOOLEAN, 1, 4);
        roundTrip(bounded, List.of(true, false, true), "a8"); // 2-bit count-1 = 10, then 101
        assertThrows(PerException.class, () -> bounded.encode(List.of()));
    }

    @Test
    void truncatedAndOversizedInputFailsCleanly() {
        PerType seq = Asn.sequence().mandatory("a", Asn.integer(0, 65535)).mandatory("s", Asn.OCTET_STRING).build();
        assertThrows(PerException.class, () -> seq.decode(hex("00")));
        assertThrows(PerException.class, () -> seq.decode(hex("0001 7f 00")));
        assertThrows(PerException.class, () -> seq.decode(hex("0001 01 41 00 00")), "trailing octets");
        assertThrows(PerException.class, () -> Asn.integer(0, 100).decode(hex("fe")), "above ub");
        assertThrows(PerException.class, () -> Asn.UNCONSTRAINED_INTEGER.decode(hex("09 000000000000000000")));
    }
}

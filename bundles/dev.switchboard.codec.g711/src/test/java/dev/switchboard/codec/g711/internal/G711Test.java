package dev.switchboard.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values from the G.711 tables themselves, independent of any other implementation. */
class G711Test {

    @Test
    void silenceAndFullScaleHaveTheirTableCodes() {
        // µ-law: positive zero is 0xFF on the line, full-scale positive 0x80, full-scale negative 0x00
        assertEquals((byte) 0xFF, G711.linearToMuLaw((short) 0));
        assertEquals((byte) 0x80, G711.linearToMuLaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.linearToMuLaw(Short.MIN_VALUE));
        assertEquals(32124, G711.muLawToLinear((byte) 0x80));
        assertEquals(-32124, G711.muLawToLinear((byte) 0x00));
        // A-law: the smallest positive step is 0xD5 on the line, the largest 0xAA
        assertEquals((byte) 0xD5, G711.linearToALaw((short) 0));
        assertEquals((byte) 0xAA, G711.linearToALaw(Short.MAX_VALUE));
        assertEquals(8, G711.aLawToLinear((byte) 0xD5));
        assertEquals(32256, G711.aLawToLinear((byte) 0xAA));
    }

    @Test
    void expandingThenCompressingGivesTheSameCode() {
        for (int code = 0; code < 256; code++) {
            byte mu = (byte) code;
            // 0x7F is µ-law's negative zero, which compresses back to positive zero
            if (code != 0x7F) {
                assertEquals(mu, G711.linearToMuLaw(G711.muLawToLinear(mu)), "µ-law code " + code);
            }
            assertEquals(mu, G711.linearToALaw(G711.aLawToLinear(mu)), "A-law code " + code);
        }
    }

    @Test
    void theCodecsDescribeThemselvesAsRfc3551Says() {
        assertEquals("PCMU/8000", new PcmuCodec().info().rtpmap());
        assertEquals(0, new PcmuCodec().info().staticPayloadType());
        assertEquals("PCMA/8000", new PcmaCodec().info().rtpmap());
        assertEquals(8, new PcmaCodec().info().staticPayloadType());
        assertEquals(160, new PcmaCodec().info().samplesPerFrame());
    }
}

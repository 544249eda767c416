package dev.switchboard.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The first RTP packet of captures/h323/01 (frame 9, h323plus G.711 A-law), cut after 8 payload bytes. */
    private static final byte[] CAPTURED = HEX.parseHex("8088b7bf083f2b5328d6a0a9" + "e0b3a5b3d1333a33");

    private final RtpPacket packet = new RtpPacket();

    @Test
    void readsAPacketCapturedFromARealEndpoint() {
        assertEquals(RtpParseResult.VALID, packet.parse(CAPTURED, 0, CAPTURED.length));
        assertTrue(packet.marker());
        assertEquals(8, packet.payloadType());
        assertEquals(47039, packet.sequenceNumber());
        assertEquals(138357587L, packet.timestamp());
        assertEquals(0x28d6a0a9L, packet.ssrc());
        assertEquals(0, packet.csrcCount());
        assertFalse(packet.padded());
        assertFalse(packet.extended());
        assertSame(CAPTURED, packet.payloadArray(), "the payload is viewed in place, not copied");
        assertEquals(12, packet.payloadOffset());
        assertEquals(8, packet.payloadLength());
    }

    @Test
    void readsAtAnOffsetAndFromAByteBufferSlice() {
        byte[] framed = new byte[CAPTURED.length + 7];
        System.arraycopy(CAPTURED, 0, framed, 5, CAPTURED.length);
        assertEquals(RtpParseResult.VALID, packet.parse(framed, 5, CAPTURED.length));
        assertEquals(17, packet.payloadOffset());

        ByteBuffer slice = ByteBuffer.wrap(framed, 5, CAPTURED.length).slice();
        assertEquals(RtpParseResult.VALID, packet.parse(slice));
        assertEquals(47039, packet.sequenceNumber());
        assertEquals(17, packet.payloadOffset());
        assertEquals(0, slice.position(), "parsing leaves the buffer's position alone");
        assertThrows(IllegalArgumentException.class, () -> packet.parse(ByteBuffer.allocateDirect(12)));
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        // V=2 P=1 X=1 CC=2, M=0 PT=0, seq 1, ts 2, ssrc 3, CSRCs 0x11111111 0x22222222,
        // extension profile 0xbede with 1 word, payload "abc", 4 bytes of padding
        byte[] data = HEX.parseHex("b200000100000002000000031111111122222222bede0001deadbeef" + "616263" + "00000004");
        assertEquals(RtpParseResult.VALID, packet.parse(data, 0, data.length));
        assertTrue(packet.padded());
        assertTrue(packet.extended());
        assertEquals(2, packet.csrcCount());
        assertEquals(0x11111111L, packet.csrc(0));
        assertEquals(0x22222222L, packet.csrc(1));
        assertEquals(28, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals("abc", new String(data, packet.payloadOffset(), packet.payloadLength()));
    }

    @Test
    void rejectsEveryMalformedShapeWithItsReason() {
        assertEquals(RtpParseResult.TOO_SHORT, packet.parse(CAPTURED, 0, 11));
        assertEquals(RtpParseResult.TOO_SHORT, packet.parse(new byte[0], 0, 0));
        assertEquals(RtpParseResult.WRONG_VERSION, packet.parse(HEX.parseHex("4000000100000002 00000003".replace(" ", "")), 0, 12));
        assertEquals(RtpParseResult.WRONG_VERSION, packet.parse(HEX.parseHex("c00000010000000200000003"), 0, 12));
        assertEquals(RtpParseResult.CSRC_PAST_END, parse("820000010000000200000003" + "11111111"));
        assertEquals(RtpParseResult.EXTENSION_PAST_END, parse("900000010000000200000003" + "bede"));
        assertEquals(RtpParseResult.EXTENSION_PAST_END, parse("900000010000000200000003" + "bede0002" + "00000000"));
        assertEquals(RtpParseResult.BAD_PADDING_LENGTH, parse("a00000010000000200000003" + "616200"));
        assertEquals(RtpParseResult.BAD_PADDING_LENGTH, parse("a00000010000000200000003" + "616205"));
        assertEquals(RtpParseResult.VALID, parse("a00000010000000200000003" + "616203"), "padding may be all there is");
        assertEquals(RtpParseResult.VALID, parse("a0000001000000020000000301"));
    }

    @Test
    void writesIntoTheCallersBufferAndReadsBack() {
        byte[] payload = HEX.parseHex("00ff7f80");
        byte[] out = new byte[64];
        Arrays.fill(out, (byte) 0x55);
        int length = new RtpPacket().marker(true).payloadType(101).sequenceNumber(65535).timestamp(0xffff_fff0L)
                .ssrc(0xdeadbeefL).csrcs(7, 0x8000_0000L).write(out, 3, payload, 0, payload.length);
        assertEquals(12 + 8 + 4, length);
        assertEquals("82e5ffff" + "fffffff0" + "deadbeef" + "00000007" + "80000000" + "00ff7f80",
                HEX.formatHex(out, 3, 3 + length));
        assertEquals(0x55, out[2]);
        assertEquals(0x55, out[3 + length]);

        assertEquals(RtpParseResult.VALID, packet.parse(out, 3, length));
        assertEquals(0x8000_0000L, packet.csrc(1));
        assertArrayEquals(payload, Arrays.copyOfRange(out, packet.payloadOffset(), packet.payloadOffset() + 4));
    }

    @Test
    void sequenceAndTimestampWrapWhenCountingUp() {
        RtpPacket next = new RtpPacket().sequenceNumber(65535 + 1).timestamp(0xffff_ffffL + 161);
        assertEquals(0, next.sequenceNumber());
        assertEquals(160, next.timestamp());
    }

    @Test
    void refusesWhatCannotBeWritten() {
        RtpPacket writer = new RtpPacket();
        assertThrows(IllegalArgumentException.class, () -> writer.payloadType(128));
        assertThrows(IllegalArgumentException.class, () -> writer.csrcs(new long[16]));
        assertThrows(IndexOutOfBoundsException.class, () -> writer.write(new byte[20], 0, new byte[9], 0, 9));
    }

    private RtpParseResult parse(String hex) {
        byte[] data = HEX.parseHex(hex);
        return packet.parse(data, 0, data.length);
    }
}

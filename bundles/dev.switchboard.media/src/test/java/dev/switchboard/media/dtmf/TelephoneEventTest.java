package dev.switchboard.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesFieldsByteForByte() {
        assertEquals("050a00a0", HEX.formatHex(new TelephoneEvent(5, false, 10, 160).toBytes()));
        assertEquals("0b8a08c0", HEX.formatHex(new TelephoneEvent(11, true, 10, 2240).toBytes()));
        assertEquals("10bfffff", HEX.formatHex(new TelephoneEvent(16, true, 63, 0xFFFF).toBytes()));
        assertEquals("00000000", HEX.formatHex(new TelephoneEvent(0, false, 0, 0).toBytes()));
    }

    @Test
    void decodesWhatItEncodes() {
        for (int code = 0; code <= 16; code++) {
            TelephoneEvent event = new TelephoneEvent(code, code % 2 == 0, code * 3, code * 4000);
            byte[] bytes = event.toBytes();
            assertEquals(event, TelephoneEvent.read(bytes, 0, bytes.length));
        }
    }

    @Test
    void ignoresTheReservedBitAndReadsAtAnOffset() {
        byte[] bytes = HEX.parseHex("ffff" + "09ca0140");
        assertEquals(new TelephoneEvent(9, true, 10, 320), TelephoneEvent.read(bytes, 2, 4));
        assertEquals(new TelephoneEvent(9, false, 10, 320), TelephoneEvent.read(HEX.parseHex("094a0140"), 0, 4));
    }

    @Test
    void rejectsShortPayloadsAndOutOfRangeFields() {
        assertThrows(IllegalArgumentException.class, () -> TelephoneEvent.read(new byte[3], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(256, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> new TelephoneEvent(1, false, 0, 0x10000));
    }

    @Test
    void mapsCodesSymbolsAndKeypadPositions() {
        assertEquals(DtmfEvent.POUND, DtmfEvent.ofCode(11));
        assertEquals(DtmfEvent.FLASH, DtmfEvent.ofCode(16));
        assertNull(DtmfEvent.ofCode(17));
        assertEquals(DtmfEvent.STAR, DtmfEvent.ofSymbol('*'));
        assertEquals(DtmfEvent.D, DtmfEvent.ofSymbol('d'));
        assertNull(DtmfEvent.ofSymbol('x'));
        assertEquals(DtmfEvent.DIGIT_0, DtmfEvent.atKey(3, 1));
        assertEquals(DtmfEvent.C, DtmfEvent.atKey(2, 3));
        StringBuilder symbols = new StringBuilder();
        for (DtmfEvent event : DtmfEvent.values()) {
            assertEquals(event, DtmfEvent.ofCode(event.code()));
            symbols.append(event.symbol());
        }
        assertEquals("0123456789*#ABCD!", symbols.toString());
    }
}

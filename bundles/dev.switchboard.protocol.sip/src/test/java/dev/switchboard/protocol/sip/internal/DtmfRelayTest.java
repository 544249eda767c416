package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DtmfRelayTest {

    @Test
    void readsDtmfRelayBodies() {
        assertEquals(Optional.of('5'), DtmfRelay.parse("dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        assertEquals(Optional.of('#'), DtmfRelay.parse("DTMF-Relay", "signal = #\nduration=100"));
        assertEquals(Optional.of('A'), DtmfRelay.parse("dtmf-relay", "Signal=a\r\n"));
        assertEquals(Optional.of('*'), DtmfRelay.parse("dtmf-relay", "Signal=10\r\n"));
    }

    @Test
    void readsPlainDtmfAndHookFlash() {
        assertEquals(Optional.of('7'), DtmfRelay.parse("dtmf", "7\r\n"));
        assertEquals(Optional.of(DtmfRelay.FLASH), DtmfRelay.parse("dtmf-relay", "Signal=16\r\n"));
        assertEquals(Optional.of(DtmfRelay.FLASH), DtmfRelay.parse("dtmf-relay", "Signal=!\r\n"));
        assertEquals(Optional.of(DtmfRelay.FLASH), DtmfRelay.parse("hook-flash", "signal=hf").or(
                () -> DtmfRelay.parse("dtmf-relay", "Signal=hf")));
    }

    @Test
    void ignoresWhatIsNoKey() {
        assertEquals(Optional.empty(), DtmfRelay.parse("dtmf-relay", "Duration=160"));
        assertEquals(Optional.empty(), DtmfRelay.parse("dtmf-relay", "Signal=X"));
        assertEquals(Optional.empty(), DtmfRelay.parse("dtmf-relay", "Signal=99"));
        assertEquals(Optional.empty(), DtmfRelay.parse("plain", "5"));
    }

    @Test
    void writesWhatItReads() {
        assertEquals(Optional.of('9'), DtmfRelay.parse("dtmf-relay", DtmfRelay.body('9', 160)));
        assertEquals(Optional.of(DtmfRelay.FLASH), DtmfRelay.parse("dtmf-relay", DtmfRelay.body('!', 300)));
    }
}

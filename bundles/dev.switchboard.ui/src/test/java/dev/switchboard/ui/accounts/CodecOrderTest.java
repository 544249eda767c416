package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class CodecOrderTest {

    private static final List<String> INSTALLED = List.of("opus", "G722", "PCMU", "PCMA");

    @Test
    void withoutASettingEveryInstalledCodecIsOfferedInTheEnginesOrder() {
        assertEquals(List.of(new CodecOrder.Row("opus", true), new CodecOrder.Row("G722", true),
                new CodecOrder.Row("PCMU", true), new CodecOrder.Row("PCMA", true)), CodecOrder.rows("", INSTALLED));
    }

    @Test
    void theSettingsOrderComesFirstAndUnknownNamesAreDropped() {
        List<CodecOrder.Row> rows = CodecOrder.rows(" pcmu, G729 ,g722", INSTALLED);
        assertEquals(List.of(new CodecOrder.Row("PCMU", true), new CodecOrder.Row("G722", true),
                new CodecOrder.Row("opus", false), new CodecOrder.Row("PCMA", false)), rows);
        assertEquals("PCMU,G722", CodecOrder.setting(rows));
    }

    @Test
    void movingKeepsRowsInsideAndTheSettingFollowsTheOrder() {
        List<CodecOrder.Row> rows = CodecOrder.rows("PCMU,G722", INSTALLED);
        List<CodecOrder.Row> up = CodecOrder.move(rows, 1, -1);
        assertEquals("G722,PCMU", CodecOrder.setting(up));
        assertEquals(rows, CodecOrder.move(rows, 0, -1));
        assertEquals(rows, CodecOrder.move(rows, 3, 1));
    }

    @Test
    void offeringNothingIsRefused() {
        List<CodecOrder.Row> none = List.of(new CodecOrder.Row("PCMU", false));
        assertEquals("Offer at least one codec, or the account can make no call.",
                assertThrows(IllegalArgumentException.class, () -> CodecOrder.setting(none)).getMessage());
    }
}

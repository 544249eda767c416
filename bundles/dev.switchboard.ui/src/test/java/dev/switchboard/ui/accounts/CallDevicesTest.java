package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.spi.SettingField;

class CallDevicesTest {

    private static final SettingField USER = SettingField.text("user", "User", true, "");

    @Test
    void theKeysComeFromTheProtocolsFields() {
        assertEquals(Optional.of(new CallDevices("capture", "playback")), CallDevices.of(List.of(USER,
                SettingField.text("capture", "Microphone device", false, ""),
                SettingField.text("playback", "Speaker device", false, ""))));
        assertEquals(Optional.of(new CallDevices("audio.in", "audio.out")), CallDevices.of(List.of(
                SettingField.text("audio.in", "Microphone device", false, ""),
                SettingField.text("audio.out", "Speaker device", false, ""))));
        // a chat protocol, and one naming only half of the pair
        assertEquals(Optional.empty(), CallDevices.of(List.of(USER)));
        assertEquals(Optional.empty(), CallDevices.of(List.of(SettingField.text("capture", "Microphone", false, ""))));
    }

    @Test
    void choosingWritesBothKeysAndTheDefaultRemovesThem() {
        CallDevices keys = new CallDevices("capture", "playback");
        Account account = new Account("work", "sip", Map.of("user", "alice", "capture", "file:/tmp/in.wav"));
        assertEquals("file:/tmp/in.wav", keys.capture(account));
        assertEquals("", keys.playback(account));
        Account chosen = keys.choose(account, "javasound:Headset", "javasound:Headset");
        assertEquals(Map.of("user", "alice", "capture", "javasound:Headset", "playback", "javasound:Headset"),
                chosen.settings());
        assertEquals(Map.of("user", "alice"), keys.choose(chosen, "", "").settings());
    }
}

package dev.switchboard.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;

class SettingFieldTest {

    @Test
    void choiceFieldsNeedChoicesAndOtherKindsTakeNone() {
        assertThrows(IllegalArgumentException.class,
                () -> new SettingField("transport", "Transport", SettingField.Kind.CHOICE, true, "udp", "", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new SettingField("user", "User", SettingField.Kind.TEXT, true, "", "", List.of("a")));
        assertEquals(List.of("udp", "tcp"), new SettingField("transport", "Transport", SettingField.Kind.CHOICE, true,
                "udp", "", List.of("udp", "tcp")).choices());
    }

    @Test
    void keysAreSettingsKeys() {
        assertThrows(IllegalArgumentException.class, () -> SettingField.text("user name", "User", true, ""));
    }

    @Test
    void aProviderBuiltAgainstOneZeroDescribesNoFieldsAndIsNamedByItsProtocol() {
        ProtocolProvider old = new ProtocolProvider() {
            @Override
            public String protocol() {
                return "iax2";
            }

            @Override
            public void validate(Account account) {
            }

            @Override
            public ProtocolSession open(Account account, char[] secret, SessionListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        assertEquals(List.of(), old.settingFields());
        assertEquals("IAX2", old.label());
    }
}

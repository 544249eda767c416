package dev.switchboard.protocol.iax2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.testing.contracts.SettingFieldsContract;

/** The account form's description of the IAX2 settings and the provider's validate() cannot drift apart. */
class Iax2SettingFieldsTest {

    @Test
    void describedFieldsAreExactlyWhatValidateAccepts() throws Exception {
        ProtocolProvider provider = new Iax2ProtocolProvider(null);
        assertEquals("IAX2", provider.label());
        SettingFieldsContract.assertFieldsMatchValidate(provider, Map.of("user", "alice"));
    }
}

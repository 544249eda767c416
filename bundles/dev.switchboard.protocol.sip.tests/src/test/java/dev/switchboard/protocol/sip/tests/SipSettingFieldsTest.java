package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.testing.contracts.SettingFieldsContract;

/** The account form's description of the SIP settings and the provider's validate() cannot drift apart. */
class SipSettingFieldsTest {

    @Test
    void describedFieldsAreExactlyWhatValidateAccepts() throws Exception {
        ProtocolProvider provider = SipPlugin.provider();
        assertEquals("SIP", provider.label());
        SettingFieldsContract.assertFieldsMatchValidate(provider, Map.of("user", "alice", "domain", "127.0.0.1"));
    }
}

package dev.switchboard.protocol.xmpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.spi.ProtocolProvider;
import dev.switchboard.testing.contracts.SettingFieldsContract;

/** The account form's description of the XMPP settings and the provider's validate() cannot drift apart. */
class XmppSettingFieldsTest {

    @Test
    void describedFieldsAreExactlyWhatValidateAccepts() throws Exception {
        ProtocolProvider provider = XmppPeers.provider();
        assertEquals("XMPP (Jabber)", provider.label());
        SettingFieldsContract.assertFieldsMatchValidate(provider, Map.of("jid", "alice@example.org"));
    }
}

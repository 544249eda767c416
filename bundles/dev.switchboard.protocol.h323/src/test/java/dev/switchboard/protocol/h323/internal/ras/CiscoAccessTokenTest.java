package dev.switchboard.protocol.h323.internal.ras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationRequest;

/** The CAT password token against the ones h323plus sent to GnuGk in the recordings. */
class CiscoAccessTokenTest {
    private static SequenceValue capturedToken(String id) {
        RegistrationRequest rrq = (RegistrationRequest) RasCodec.decode(RasVectors.datagram(id));
        assertEquals(1, rrq.tokens().size(), id);
        return rrq.tokens().get(0);
    }

    @Test
    void ourTokenIsByteForByteTheOneH323plusSent() {
        SequenceValue captured = capturedToken("02#3"); // bob, password bob123
        SequenceValue ours = CiscoAccessToken.token("bob", "bob123", captured.getLong("timeStamp"),
                (int) captured.getLong("random"));
        assertArrayEquals(H225Asn.CLEAR_TOKEN.encode(captured), H225Asn.CLEAR_TOKEN.encode(ours));
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        assertTrue(CiscoAccessToken.verifies(capturedToken("02#7"), "alice123"));
        assertFalse(CiscoAccessToken.verifies(capturedToken("02#7"), "alice124"));
        SequenceValue rejected = capturedToken("03#7"); // the RRQ GnuGk answered with securityDenial
        assertFalse(CiscoAccessToken.verifies(rejected, "alice123"));
        assertTrue(CiscoAccessToken.verifies(rejected, "wrongpass"));
    }
}

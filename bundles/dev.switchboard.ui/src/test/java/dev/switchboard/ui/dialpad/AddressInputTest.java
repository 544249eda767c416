package dev.switchboard.ui.dialpad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AddressInputTest {

    @Test
    void pastedNumbersLoseWhatPeopleWriteThemWith() {
        assertEquals("+442079460018", AddressInput.normalise(" +44 (20) 7946-0018 "));
        assertEquals("0301234567", AddressInput.normalise("030/123 45 67"));
        assertEquals("5551234", AddressInput.normalise("555.1234"));
        assertEquals("5551234", AddressInput.normalise("555\u2013123\u00A04"));
        assertEquals("*21#", AddressInput.normalise("*21 #"));
        assertEquals("+12125550100", AddressInput.normalise("+1 [212] 555-0100"));
    }

    @Test
    void addressesAreOnlyTrimmed() {
        assertEquals("sip:bob@127.0.0.1", AddressInput.normalise("  sip:bob@127.0.0.1\n"));
        assertEquals("sip:+44-20@example.org;user=phone", AddressInput.normalise("sip:+44-20@example.org;user=phone"));
        assertEquals("bob@127.0.0.1", AddressInput.normalise("bob@127.0.0.1"));
        assertEquals("tel:+1-212-555-0100", AddressInput.normalise("tel:+1-212-555-0100"));
    }

    @Test
    void dialableAddressesHaveNoProblem() {
        for (String address : new String[] { "5551234", "+442079460018", "*21#", "sip:bob@127.0.0.1", "bob@127.0.0.1",
                "alice", "reception.desk", "xmpp:carol@127.0.0.1" }) {
            assertEquals(Optional.empty(), AddressInput.problem(address), address);
        }
    }

    @Test
    void malformedInputIsExplained() {
        assertEquals(Optional.of("Type a number or address to call."), AddressInput.problem(""));
        assertEquals(Optional.of("\u201C55+1\u201D is not a number: + may only come first."), AddressInput.problem("55+1"));
        assertTrue(AddressInput.problem("call me?").orElseThrow().contains("is not a number or address"));
        assertTrue(AddressInput.problem("12ab!").isPresent());
        assertTrue(AddressInput.problem("sip:").isPresent());
        assertTrue(AddressInput.problem("@host").isPresent());
    }
}

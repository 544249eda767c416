package dev.switchboard.contacts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;

class PhoneNumberPlanTest {

    private final PhoneNumberPlan us = new PhoneNumberPlan("US", ExtensionPlan.NONE);

    @Test
    void numbersWrittenDifferentlyShareTheirE164Key() {
        assertEquals("tel:+12025550101", us.key("+1 202 555 0101"));
        assertEquals("tel:+12025550101", us.key("(202) 555-0101"));
        assertEquals("tel:+12025550101", us.key("tel:+1-202-555-0101"));
        assertEquals("tel:+12025550101", us.key("sip:+12025550101@127.0.0.1;user=phone"));
    }

    @Test
    void theDefaultRegionDecidesNationalNumbers() {
        PhoneNumberPlan germany = new PhoneNumberPlan("de", ExtensionPlan.NONE);
        assertEquals("tel:+49301234567", germany.key("030 1234567"));
        assertEquals(germany.key("+49 30 1234567"), germany.key("030 1234567"));
        assertEquals("DE", germany.defaultRegion());
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumberPlan("XX", ExtensionPlan.NONE));
    }

    @Test
    void extensionsBecomeFullNumbersWithThePlansPrefix() {
        PhoneNumberPlan office = new PhoneNumberPlan("US", ExtensionPlan.parse("3-4", "+1555"));
        assertEquals("tel:+15550102", office.key("0102"));
        assertEquals(office.key("+1 555 0102"), office.key("0102"));
        assertEquals("0102", office.lookupText("0102"));
        PhoneNumberPlan noPrefix = new PhoneNumberPlan("US", ExtensionPlan.parse("3", ""));
        assertEquals("ext:204", noPrefix.key("204"));
        assertEquals("tel:+12025550101", noPrefix.key("202 555 0101"), "longer numbers are not extensions");
    }

    @Test
    void addressesLoseSchemeResourceAndCase() {
        assertEquals("addr:bob@example.com", us.key("xmpp:Bob@Example.com/phone"));
        assertEquals("addr:bob@example.com", us.key("Bob@example.com"));
        assertEquals("addr:bob@example.com", us.key("sip:bob@example.com;transport=tcp"));
        assertEquals("addr:bob@example.com", us.key(new ContactAddress(AddressKind.EMAIL, "BOB@example.com", "")));
        assertEquals("", us.key("  "));
    }

    @Test
    void aTelAddressIsANumberWhateverItLooksLike() {
        assertEquals("tel:+12025550101", us.key(new ContactAddress(AddressKind.TEL, "+1 (202) 555-0101 ", "work")));
    }

    @Test
    void lookupTextIsWhatAnyDirectoryFormMatches() {
        assertEquals("2025550101", us.lookupText("+1 202-555-0101"));
        assertEquals("bob@example.com", us.lookupText("sip:Bob@example.com"));
    }

    @Test
    void badExtensionSettingsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionPlan.parse("four", ""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPlan.parse("5-3", ""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPlan.parse("4", "1555"));
    }
}

package dev.switchboard.ui.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.contacts.vcard.VcardCodec;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;

class ContactTextTest {

    @Test
    void theSummaryCountsContactsAndNamesSourcesThatDidNotAnswer() {
        MergedSearch search = new MergedSearch("al", List.of(), List.of(
                new SourceStatus("local", "Address book", SourceStatus.State.ANSWERED, 0, ""),
                new SourceStatus("ldap/corp", "Company directory", SourceStatus.State.TIMED_OUT, 0, ""),
                new SourceStatus("roster", "Roster", SourceStatus.State.UNAVAILABLE, 0, "not connected")));
        assertEquals("No contacts found  \u00B7  Company directory did not answer in time  \u00B7  Roster unavailable: not connected",
                ContactText.summary(search));
    }

    @Test
    void typedAddressesTakeTheirKindFromTheSchemeOrTheirDigits() {
        assertEquals(new ContactAddress(AddressKind.TEL, "+44 20 7946-0018", "work"),
                ContactText.parseAddress(" +44 20 7946-0018 ", AddressKind.SIP, " work ").orElseThrow());
        assertEquals(new ContactAddress(AddressKind.SIP, "sip:bob@127.0.0.1", ""),
                ContactText.parseAddress("sip:bob@127.0.0.1", AddressKind.TEL, "").orElseThrow());
        assertEquals(new ContactAddress(AddressKind.XMPP, "bob@example.org", ""),
                ContactText.parseAddress("xmpp:bob@example.org", AddressKind.TEL, "").orElseThrow());
        assertEquals(new ContactAddress(AddressKind.EMAIL, "bob@example.org", ""),
                ContactText.parseAddress("mailto:bob@example.org", AddressKind.TEL, "").orElseThrow());
        // no scheme and not a number: the kind the user chose in the form
        assertEquals(new ContactAddress(AddressKind.XMPP, "bob@example.org", ""),
                ContactText.parseAddress("bob@example.org", AddressKind.XMPP, "").orElseThrow());
        assertTrue(ContactText.parseAddress("   ", AddressKind.TEL, "").isEmpty());
    }

    @Test
    void anImportReportsWhatWasLeftOutWithItsLine() {
        assertEquals("Imported 1 contact.", ContactText.imported(1, List.of()));
        assertEquals("Imported 3 contacts; 1 left out: line 7: no END:VCARD",
                ContactText.imported(3, List.of(new VcardCodec.Problem(7, "no END:VCARD"))));
    }
}

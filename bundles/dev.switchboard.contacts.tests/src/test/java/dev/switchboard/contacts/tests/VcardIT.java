package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.vcard.VcardCodec;
import dev.switchboard.contacts.vcard.VcardCodec.ImportResult;
import dev.switchboard.contacts.vcard.VcardCodec.Problem;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;

/**
 * vCard import and export through the DS codec service, and import into the real local book. Addresses
 * come back grouped by kind (numbers, mail, then IMPP), which is the order the fixture uses.
 */
class VcardIT {

    private static final List<BookEntry> ENTRIES = List.of(
            new BookEntry("", "Dana Dörfler", "Example GmbH, Sales",
                    List.of(new ContactAddress(AddressKind.TEL, "+49 30 1234567", "work"),
                            new ContactAddress(AddressKind.TEL, "+49 171 7654321", "mobile"),
                            new ContactAddress(AddressKind.EMAIL, "dana@example.de", "home"),
                            new ContactAddress(AddressKind.SIP, "dana@sip.example.de", "work"),
                            new ContactAddress(AddressKind.XMPP, "dana@example.de", ""),
                            new ContactAddress(AddressKind.IAX2, "dana@pbx.example.de", ""),
                            new ContactAddress(AddressKind.H323, "dana@gk.example.de", "")),
                    "Calls after 10; semicolons; commas, backslash \\ and\na second line", Set.of("Customers", "Berlin"),
                    true),
            new BookEntry("", "Eve", "", List.of(new ContactAddress(AddressKind.TEL, "204", "")), "", Set.of(), false));

    @Test
    void writesAndReadsBackEveryFieldInVersion4() throws Exception {
        assertRoundTrip(VcardCodec.Version.V4_0);
    }

    @Test
    void writesAndReadsBackEveryFieldInVersion3() throws Exception {
        assertRoundTrip(VcardCodec.Version.V3_0);
    }

    private static void assertRoundTrip(VcardCodec.Version version) throws Exception {
        VcardCodec codec = Services.service(VcardCodec.class);
        StringWriter file = new StringWriter();
        codec.write(ENTRIES, version, file);

        assertTrue(file.toString().contains(version == VcardCodec.Version.V3_0 ? "VERSION:3.0" : "VERSION:4.0"));
        ImportResult back = codec.read(file.toString());
        assertEquals(List.of(), back.problems());
        assertEquals(ENTRIES, back.entries());
    }

    @Test
    void readsTheRfc6350Example() throws Exception {
        ImportResult result = Services.service(VcardCodec.class).read(Services.resource("rfc6350-section8.vcf"));

        assertEquals(List.of(), result.problems());
        BookEntry simon = result.entries().getFirst();
        assertEquals("Simon Perreault", simon.displayName());
        assertEquals("Viagenie", simon.organisation());
        assertEquals(List.of(new ContactAddress(AddressKind.TEL, "+1-418-656-9254;ext=102", "work"),
                new ContactAddress(AddressKind.TEL, "+1-418-262-6501", "work"),
                new ContactAddress(AddressKind.EMAIL, "simon.perreault@viagenie.ca", "work")), simon.addresses());
    }

    @Test
    void readsTheRfc2426Examples() throws Exception {
        ImportResult result = Services.service(VcardCodec.class).read(Services.resource("rfc2426-section7.vcf"));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of("Frank Dawson", "Tim Howes"), result.entries().stream().map(BookEntry::displayName).toList());
        BookEntry frank = result.entries().getFirst();
        assertEquals("Lotus Development Corporation", frank.organisation());
        assertEquals(List.of(new ContactAddress(AddressKind.TEL, "+1-919-676-9515", "work"),
                new ContactAddress(AddressKind.TEL, "+1-919-676-9564", "fax"),
                new ContactAddress(AddressKind.EMAIL, "Frank_Dawson@Lotus.com", ""),
                new ContactAddress(AddressKind.EMAIL, "fdawson@earthlink.net", "")), frank.addresses());
    }

    @Test
    void readsAnAddressBookExportWithVendorProperties() throws Exception {
        ImportResult result = Services.service(VcardCodec.class).read(Services.resource("address-book-export.vcf"));

        assertEquals(List.of(), result.problems());
        BookEntry asa = result.entries().getFirst();
        assertEquals("Åsa Lindqvist", asa.displayName());
        assertEquals("Example AB, Support", asa.organisation());
        assertEquals("Prefers chat, not calls.\nBack from leave on Monday.", asa.notes());
        assertEquals(Set.of("Support", "Sweden"), asa.groups());
        assertEquals(List.of(new ContactAddress(AddressKind.TEL, "+46 8 123 456 78", ""),
                new ContactAddress(AddressKind.TEL, "08-765 43 21", "home"),
                new ContactAddress(AddressKind.XMPP, "asa.l@example.se", ""),
                new ContactAddress(AddressKind.SIP, "asa@sip.example.se", ""),
                new ContactAddress(AddressKind.XMPP, "asa@jabber.example.se", "")), asa.addresses());
    }

    @Test
    void importsTheGoodEntriesAndReportsEachBadOneWithItsLine() throws Exception {
        AddressBook book = Services.service(AddressBook.class);
        ImportResult result = Services.service(VcardCodec.class).read(Services.resource("with-bad-entries.vcf"));

        assertEquals(List.of("Good One", "Good Two", "Good Three"),
                result.entries().stream().map(BookEntry::displayName).toList());
        assertEquals(List.of(10, 13, 14, 23), result.problems().stream().map(Problem::line).toList(),
                result.problems().toString());
        assertTrue(result.problems().get(3).message().contains("END:VCARD"), result.problems().toString());

        List<BookEntry> stored = book.addAll(result.entries());
        for (BookEntry entry : stored) {
            assertEquals(entry, book.entry(entry.id()).orElseThrow());
        }
        assertEquals(List.of(), book.search("Broken Line", 10));
        assertEquals(List.of(), book.search("Never Ends", 10));
        stored.forEach(entry -> book.remove(entry.id()));
    }
}

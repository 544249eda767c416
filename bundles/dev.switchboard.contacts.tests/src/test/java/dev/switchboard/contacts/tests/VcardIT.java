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
import dev.switchboard.core.contacts.PostalAddress;

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
            new BookEntry("", "Eve", "", List.of(new ContactAddress(AddressKind.TEL, "204", "")), "", Set.of(), false),
            new BookEntry("", "Frida Photo", "", List.of(new ContactAddress(AddressKind.TEL, "+46 8 555 0100", "")), "",
                    Set.of("Family"), false,
                    List.of(new PostalAddress("Storgatan 1\nc/o Berg", "Stockholm", "", "111 22", "Sweden", "home"),
                            new PostalAddress("Box 7", "Uppsala", "Uppland", "751 05", "", "work")),
                    "1985-04-15", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg=="),
            new BookEntry("", "Gustav Link", "", List.of(new ContactAddress(AddressKind.TEL, "+46 8 555 0101", "")), "",
                    Set.of(), false, List.of(), "--02-29", "http://127.0.0.1/gustav.jpg"));

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

        // and through the store: what the book keeps is what the file said
        AddressBook book = Services.service(AddressBook.class);
        List<BookEntry> stored = book.addAll(back.entries());
        try {
            StringWriter again = new StringWriter();
            codec.write(stored.stream().map(entry -> book.entry(entry.id()).orElseThrow()).toList(), version, again);
            assertEquals(ENTRIES, codec.read(again.toString()).entries());
            assertEquals(List.of("Dana Dörfler"), book.inGroup("Berlin").stream().map(BookEntry::displayName).toList());
            assertTrue(book.groups().containsAll(Set.of("Berlin", "Customers", "Family")), book.groups().toString());
        } finally {
            stored.forEach(entry -> book.remove(entry.id()));
        }
    }

    @Test
    void aBirthdayThatIsNoDateLeavesItsEntryOutWithTheLine() throws Exception {
        String file = String.join("\r\n", "BEGIN:VCARD", "VERSION:3.0", "FN:Good Before", "TEL:+1 555 0111",
                "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "FN:Bad Birthday", "TEL:+1 555 0112",
                "BDAY:the first of May", "END:VCARD", "BEGIN:VCARD", "VERSION:4.0", "FN:Text Birthday",
                "BDAY;VALUE=text:circa 1800", "END:VCARD", "BEGIN:VCARD", "VERSION:3.0", "FN:Good After",
                "BDAY:--1224", "ADR:;;;Springfield;;;", "END:VCARD", "");

        ImportResult result = Services.service(VcardCodec.class).read(file);

        assertEquals(List.of("Good Before", "Good After"), result.entries().stream().map(BookEntry::displayName).toList());
        assertEquals("--12-24", result.entries().get(1).birthday());
        assertEquals(List.of(new PostalAddress("", "Springfield", "", "", "", "")),
                result.entries().get(1).postalAddresses());
        assertEquals(List.of(10, 12), result.problems().stream().map(Problem::line).toList(), result.problems().toString());
        assertTrue(result.problems().get(0).message().contains("BDAY"), result.problems().toString());
        assertTrue(result.problems().get(1).message().contains("circa 1800"), result.problems().toString());
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
        assertEquals("--02-03", simon.birthday());
        assertEquals(List.of(new PostalAddress("Suite D2-630\n2875 Laurier", "Quebec", "QC", "G1V 2M2", "Canada", "work")),
                simon.postalAddresses());
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
        assertEquals(List.of(new PostalAddress("6544 Battleford Drive", "Raleigh", "NC", "27613-3502", "U.S.A.", "work")),
                frank.postalAddresses());
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

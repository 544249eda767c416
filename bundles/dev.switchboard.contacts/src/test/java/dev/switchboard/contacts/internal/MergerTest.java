package dev.switchboard.contacts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.switchboard.contacts.MergedContact;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;

class MergerTest {

    private final PhoneNumberPlan plan = new PhoneNumberPlan("US", ExtensionPlan.NONE);

    private static Contact contact(String source, String name, ContactAddress... addresses) {
        return new Contact(source, name, name, "", List.of(addresses));
    }

    private static ContactAddress tel(String number) {
        return new ContactAddress(AddressKind.TEL, number, "");
    }

    @Test
    void joinsTransitivelyAndKeepsTheMostTrustedName() {
        Merger merger = new Merger(plan, key -> Presence.OFFLINE, contact -> false);
        List<MergedContact> merged = merger.merge(List.of(
                contact("local", "Ann", tel("202 555 0101")),
                contact("corp", "Ann Smith", tel("+1 202 555 0101"), new ContactAddress(AddressKind.EMAIL, "ann@x.org", "")),
                contact("roster", "ann", new ContactAddress(AddressKind.XMPP, "ANN@x.org/pc", "")),
                contact("corp", "Ben", tel("+1 202 555 0199"))));

        assertEquals(2, merged.size());
        MergedContact ann = merged.getFirst();
        assertEquals("Ann", ann.displayName());
        assertEquals(List.of("local", "corp", "roster"), ann.sourceIds());
        assertEquals(List.of("202 555 0101", "ann@x.org", "ANN@x.org/pc"),
                ann.addresses().stream().map(ContactAddress::value).toList(),
                "the JID stays beside the equal mail address: chat needs it");
        assertEquals("Ben", merged.get(1).displayName());
    }

    @Test
    void showsTheMostAvailablePresenceOfAnyAddress() {
        Map<String, Presence> reported = Map.of("addr:ann@x.org", new Presence(Availability.AWAY, ""),
                "tel:+12025550101", new Presence(Availability.DO_NOT_DISTURB, ""));
        Merger merger = new Merger(plan, key -> reported.getOrDefault(key, Presence.OFFLINE), contact -> false);

        MergedContact ann = merger.merge(List.of(contact("local", "Ann", tel("202 555 0101"),
                new ContactAddress(AddressKind.XMPP, "ann@x.org", "")))).getFirst();

        assertEquals(Availability.AWAY, ann.presence().availability());
    }

    @Test
    void ordersFavouritesThenPrefixMatchesThenNames() {
        Merger merger = new Merger(plan, key -> Presence.OFFLINE, contact -> contact.displayName().equals("Zed"));
        List<MergedContact> merged = new java.util.ArrayList<>(merger.merge(List.of(contact("c", "Bo Anders", tel("1")),
                contact("c", "Anna", tel("2")), contact("c", "Zed", tel("3")), contact("c", "Andy", tel("4")))));
        merged.sort(Merger.order("an"));

        assertEquals(List.of("Zed", "Andy", "Anna", "Bo Anders"), merged.stream().map(MergedContact::displayName).toList());
    }
}

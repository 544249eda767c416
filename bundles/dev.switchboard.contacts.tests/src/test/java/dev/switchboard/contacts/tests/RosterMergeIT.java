package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.ContactActions;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.MergedSearch;
import dev.switchboard.contacts.SourceStatus;
import dev.switchboard.contacts.ldap.LdapDirectories;
import dev.switchboard.contacts.ldap.LdapDirectoryConfig;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.core.presence.Availability;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceService;
import dev.switchboard.core.presence.Subscription;
import dev.switchboard.core.presence.PresenceListener;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.testing.await.Poll;
import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.Prosody;
import dev.switchboard.testing.peers.Slapd;

/**
 * The merged view as the framework wires it, over three real sources: the local book (H2), slapd (through
 * {@link LdapDirectories}) and the roster of an XMPP account that the core registered on Prosody (DS's
 * roster source over the core's session capabilities), with the presence Prosody delivered; then
 * click-to-chat from that contact through the messaging service to the other XMPP account.
 */
class RosterMergeIT {

    private static final String GRACE_MAIL = "grace@localhost";

    @RegisterExtension
    static final PeerExtension<Prosody> PROSODY = PeerExtension.of(() -> Prosody.builder()
            .user("frank", "frank123").user("grace", "grace123").start());

    @RegisterExtension
    static final PeerExtension<Slapd> SLAPD = PeerExtension.of(() -> Slapd.builder()
            .ldif(Directories.SUFFIX, Directories.ldif(0) + """
                    dn: uid=grace,ou=people,dc=example,dc=com
                    objectClass: inetOrgPerson
                    uid: grace
                    cn: Grace Hopper
                    sn: Hopper
                    givenName: Grace
                    mail: grace@localhost
                    telephoneNumber: +1 555 0199
                    title: Rear Admiral

                    """).start());

    @Test
    void oneMergedContactFromBookDirectoryAndRosterWithThePresenceProsodyDelivered() throws Exception {
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").put("region", "US");
        InstanceScope.INSTANCE.getNode("dev.switchboard.contacts").putLong("sourceTimeoutMillis", 5000);
        AddressBook book = Services.service(AddressBook.class);
        LdapDirectories directories = Services.service(LdapDirectories.class);
        directories.put(LdapDirectoryConfig.of("corp", SLAPD.get().url(), Directories.PEOPLE).withBindDn(
                SLAPD.get().adminDn()), SLAPD.get().adminPassword().toCharArray());
        Services.awaitSource("corp");
        BookEntry entry = book.add(new BookEntry("", "Grace (book)", "",
                List.of(new ContactAddress(AddressKind.TEL, "(555) 0199", "mobile")), "", Set.of("Friends"), false));
        BlockingQueue<String> available = new LinkedBlockingQueue<>();
        ServiceRegistration<PresenceListener> presence = Services.context().registerService(PresenceListener.class,
                (account, contact, reported) -> available.add(account + " sees " + contact + " "
                        + reported.availability()), null);
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        ServiceRegistration<MessageListener> chat = Services.context().registerService(MessageListener.class,
                messages::add, null);
        OnlineAccounts.awaitProvider("dev.switchboard.protocol.xmpp", "xmpp");
        try (OnlineAccounts online = new OnlineAccounts()) {
            online.register(account("frank"), "frank123");
            online.register(account("grace"), "grace123");
            SessionCapabilities sessions = Services.service(SessionCapabilities.class);
            Roster frank = sessions.capability("frank", Roster.class).orElseThrow();
            Roster grace = sessions.capability("grace", Roster.class).orElseThrow();
            frank.add(GRACE_MAIL, "Grace Hopper", Set.of("Navy"));
            // the roster has no listener in the core API, so its state is looked at until it is there
            Poll.until(() -> grace.pendingRequests().contains("frank@localhost"), OnlineAccounts.STEP,
                    "grace sees frank's request");
            grace.approve("frank@localhost");
            Poll.until(() -> frank.entries().stream().anyMatch(item -> item.address().equals(GRACE_MAIL)
                    && (item.subscription() == Subscription.TO || item.subscription() == Subscription.BOTH)),
                    OnlineAccounts.STEP, "frank subscribed to grace");
            // the user's one presence goes out on every account's session, so frank's session hears grace's
            PresenceService own = Services.service(PresenceService.class);
            Presence before = own.own();
            try {
                own.setOwn(new Presence(Availability.AVAILABLE, "at sea"));
                awaitPresence(available, "frank sees " + GRACE_MAIL + " " + Availability.AVAILABLE);
            } finally {
                own.setOwn(before);
            }

            MergedSearch search = Services.service(ContactDirectory.class).search("grace", 20).toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);

            for (String source : List.of("local", "corp", "roster")) {
                assertEquals(SourceStatus.State.ANSWERED, search.sources().stream()
                        .filter(status -> status.sourceId().equals(source)).findFirst().orElseThrow().state(),
                        search.sources().toString());
            }
            assertEquals(1, search.contacts().size(), search.contacts().toString());
            MergedContact merged = search.contacts().getFirst();
            assertEquals("Grace (book)", merged.displayName(), "the book is the most trusted source");
            assertEquals(List.of("local", "corp", "roster"), merged.sourceIds(),
                    "the book and the directory share the number, the directory and the roster the address");
            assertEquals("Rear Admiral", merged.organisation());
            assertEquals(Availability.AVAILABLE, merged.presence().availability(), "grace's presence on the contact");
            assertEquals(Set.of("Friends", "Navy"), merged.groups(), "the book's and the roster's groups");
            assertEquals(List.of(AddressKind.TEL + " (555) 0199", AddressKind.EMAIL + " " + GRACE_MAIL,
                    AddressKind.XMPP + " " + GRACE_MAIL), merged.addresses().stream()
                            .map(address -> address.kind() + " " + address.value()).toList(),
                    "the directory's number is the book's; the roster's JID stays beside the equal mail address");

            // click-to-chat: the XMPP address, through the first registered XMPP account (frank), reaches grace
            ContactActions actions = Services.service(ContactActions.class);
            assertEquals("frank", actions.routes(merged, ContactActions.Intent.CHAT).getFirst().accountId());
            actions.chat(merged, "Ahoy from the contacts view");
            long deadline = System.nanoTime() + OnlineAccounts.STEP.toNanos();
            Message received;
            do {
                received = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (received == null) {
                    throw new AssertionError("grace received no message within " + OnlineAccounts.STEP);
                }
            } while (!(received.incoming() && received.accountId().equals("grace")));
            assertEquals("Ahoy from the contacts view", received.text());
            assertTrue(received.peer().startsWith("frank@localhost"), received.peer());
        } finally {
            presence.unregister();
            chat.unregister();
            directories.remove("corp");
            book.remove(entry.id());
        }
    }

    private static Account account(String user) throws Exception {
        Prosody prosody = PROSODY.get();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(prosody.certificate().getEncoded());
        return new Account(user, "xmpp", Map.of("jid", user + "@" + prosody.domain(), "host", prosody.host(), "port",
                Integer.toString(prosody.c2sPort()), "tls.pin", HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(digest)));
    }

    private static void awaitPresence(BlockingQueue<String> available, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + OnlineAccounts.STEP.toNanos();
        List<String> other = new java.util.ArrayList<>();
        while (true) {
            String seen = available.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (seen == null) {
                throw new AssertionError("no presence '" + expected + "' within " + OnlineAccounts.STEP + "; saw "
                        + other);
            }
            if (seen.equals(expected)) {
                return;
            }
            other.add(seen);
        }
    }
}

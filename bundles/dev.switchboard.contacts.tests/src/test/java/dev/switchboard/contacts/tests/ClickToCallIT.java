package dev.switchboard.contacts.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.ServiceRegistration;

import dev.switchboard.contacts.AddressBook;
import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.ContactActions;
import dev.switchboard.contacts.ContactDirectory;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.testing.peers.Baresip;
import dev.switchboard.testing.peers.Kamailio;
import dev.switchboard.testing.peers.PeerExtension;

/**
 * Click-to-call end to end: a contact found in the merged view is called through the real call manager and
 * the SIP plug-in, registered by the core on Kamailio; baresip answers at the far end.
 */
class ClickToCallIT {

    @RegisterExtension
    static final PeerExtension<Kamailio> KAMAILIO = PeerExtension
            .of(() -> Kamailio.builder().user("alice", "alice123").user("bob", "bob123").start());

    @Test
    void callingAContactDialsItsSipAddressThroughTheRegisteredAccountAndBaresipAnswers() throws Exception {
        Kamailio kamailio = KAMAILIO.get();
        AddressBook book = Services.service(AddressBook.class);
        BookEntry bob = book.add(new BookEntry("", "Bob Baresip", "", List.of(
                new ContactAddress(AddressKind.XMPP, "bob@localhost", ""),
                new ContactAddress(AddressKind.SIP, "bob@" + kamailio.domain(), "work")), "", Set.of(), false));
        BlockingQueue<String> states = new LinkedBlockingQueue<>();
        ServiceRegistration<CallListener> listener = Services.context().registerService(CallListener.class,
                (call, previous) -> states.add(call.id() + " " + call.state()), null);
        OnlineAccounts.awaitProvider("dev.switchboard.protocol.sip", "sip");
        try (Baresip far = Baresip.builder().account("bob", "bob123", kamailio).start();
                OnlineAccounts online = new OnlineAccounts()) {
            kamailio.awaitContacts("bob", OnlineAccounts.STEP);
            ContactActions actions = Services.service(ContactActions.class);
            MergedContact contact = Services.service(ContactDirectory.class).search("Bob Baresip", 10)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).contacts().getFirst();
            assertThrows(IllegalStateException.class, () -> actions.call(contact),
                    "no account is registered yet, so nothing can carry the call");

            online.register(new Account("alice", "sip", Map.of("user", "alice", "domain", kamailio.domain(),
                    "registrar", kamailio.host() + ":" + kamailio.port(), "capture", "null:", "playback", "null:",
                    "keepalive", "60")), "alice123");
            ContactActions.Route route = actions.routes(contact, ContactActions.Intent.CALL).getFirst();
            assertEquals("sip:bob@" + kamailio.domain(), route.dialString());
            assertEquals("alice", route.accountId());

            Call call = actions.call(contact);

            await(states, call.id() + " " + CallState.CONNECTED);
            assertTrue(call.participants().getFirst().address().contains("bob@" + kamailio.domain()),
                    call.participants().toString());
            call.hangup();
            await(states, call.id() + " " + CallState.ENDED);
        } finally {
            listener.unregister();
            book.remove(bob.id());
        }
    }

    private static void await(BlockingQueue<String> states, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + OnlineAccounts.STEP.toNanos();
        while (true) {
            String seen = states.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (seen == null) {
                throw new AssertionError("call state '" + expected + "' not reached within " + OnlineAccounts.STEP);
            }
            if (seen.equals(expected)) {
                return;
            }
        }
    }
}

package dev.switchboard.contacts.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.SessionCapabilities;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.RosterEntry;

/**
 * The server-side contact lists of every account whose open session offers a {@link Roster} (XMPP
 * today) as a contact source of kind {@code roster}. It lives here rather than in a protocol
 * plug-in because it needs only the core's capability, so any protocol with a roster is served
 * without knowing of contacts. Rosters are held in memory by the sessions, so it answers at once.
 * An entry's groups are the contact's groups, searchable, and also the address's label (sorted, joined).
 */
@Component(service = ContactSource.class, property = ContactSourceProperties.KIND + "=" + ContactSourceProperties.ROSTER)
public class RosterContactSource implements ContactSource {

    static final String SOURCE_ID = "roster";
    private static final Logger LOG = System.getLogger(RosterContactSource.class.getName());

    private final AccountRegistry accounts;
    private final SessionCapabilities sessions;

    @Activate
    public RosterContactSource(@Reference AccountRegistry accounts, @Reference SessionCapabilities sessions) {
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    public String id() {
        return SOURCE_ID;
    }

    @Override
    public String name() {
        return "Roster";
    }

    @Override
    public CompletionStage<List<Contact>> search(String query, int limit) {
        String needle = query.toLowerCase(Locale.ROOT);
        List<Contact> found = new ArrayList<>();
        for (Account account : accounts.accounts()) {
            List<RosterEntry> entries;
            try {
                entries = sessions.capability(account.id(), Roster.class).map(Roster::entries).orElse(List.of());
            } catch (RuntimeException e) {
                // one account's broken session must not hide the other accounts' contacts
                LOG.log(Level.WARNING, "contacts: the roster of account " + account.id() + " cannot be read: "
                        + e.getMessage());
                continue;
            }
            for (RosterEntry entry : entries) {
                if (found.size() >= limit) {
                    return CompletableFuture.completedFuture(found);
                }
                if (matches(entry, needle)) {
                    found.add(contact(account.id(), entry));
                }
            }
        }
        return CompletableFuture.completedFuture(found);
    }

    private static boolean matches(RosterEntry entry, String needle) {
        return entry.name().toLowerCase(Locale.ROOT).contains(needle)
                || entry.address().toLowerCase(Locale.ROOT).contains(needle)
                || entry.groups().stream().anyMatch(group -> group.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static Contact contact(String accountId, RosterEntry entry) {
        String name = entry.name().isEmpty() ? entry.address() : entry.name();
        String groups = String.join(", ", new TreeSet<>(entry.groups()));
        return new Contact(SOURCE_ID, accountId + "/" + entry.address(), name, "",
                List.of(new ContactAddress(AddressKind.XMPP, entry.address(), groups)), entry.groups(), List.of(), "",
                "");
    }
}

package dev.switchboard.history.internal;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.Contact;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.ContactSource;
import dev.switchboard.core.contacts.ContactSourceProperties;
import dev.switchboard.history.History;
import dev.switchboard.history.HistoryPeer;

/**
 * Recent call and chat peers as a contact source of kind {@code history}, most recent first, so the
 * merged view and caller identification know people who are in no book. The search reads the store,
 * so it runs on its own thread and the caller gets a stage at once.
 */
@Component(service = ContactSource.class,
        property = ContactSourceProperties.KIND + "=" + ContactSourceProperties.HISTORY)
public final class HistoryContactSource implements ContactSource {

    static final String SOURCE_ID = "history";

    private final History history;
    /** Optional: without the core's registry (a bare test runtime) the kind of a peer is guessed. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AccountRegistry accounts;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "history-contacts");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public HistoryContactSource(@Reference History history) {
        this.history = history;
    }

    /** Outside DS (unit tests): with the given account registry. */
    HistoryContactSource(History history, AccountRegistry accounts) {
        this.history = history;
        this.accounts = accounts;
    }

    @Deactivate
    public void close() {
        reader.shutdownNow();
    }

    @Override
    public String id() {
        return SOURCE_ID;
    }

    @Override
    public String name() {
        return "Recent calls and chats";
    }

    @Override
    public CompletionStage<List<Contact>> search(String query, int limit) {
        return CompletableFuture.supplyAsync(
                () -> history.recentPeers(query, limit).stream().map(this::contact).toList(), reader);
    }

    private Contact contact(HistoryPeer peer) {
        String name = peer.displayName().isEmpty() ? peer.address() : peer.displayName();
        AccountRegistry registry = accounts;
        String protocol = peer.accountId().isEmpty() || registry == null ? ""
                : registry.account(peer.accountId()).map(Account::protocol).orElse("");
        return new Contact(SOURCE_ID, peer.address(), name, "",
                List.of(new ContactAddress(kindOf(peer, protocol), peer.address(), "")));
    }

    /**
     * A URI scheme says it; a number is a number; otherwise the protocol of the account that last called or
     * messaged the peer (a SIP MESSAGE peer is a SIP address, not a JID). Only when that account is gone (or
     * there is no account registry) is the peer guessed: an address with {@code @} is taken for XMPP.
     */
    static AddressKind kindOf(HistoryPeer peer, String protocol) {
        String address = peer.address().toLowerCase(Locale.ROOT);
        if (address.startsWith("sip:") || address.startsWith("sips:")) {
            return AddressKind.SIP;
        }
        if (address.startsWith("iax2:") || address.startsWith("iax:")) {
            return AddressKind.IAX2;
        }
        if (address.startsWith("h323:")) {
            return AddressKind.H323;
        }
        if (address.startsWith("tel:") || address.matches("\\+?[0-9][0-9 ()./-]*")) {
            return AddressKind.TEL;
        }
        if (address.startsWith("xmpp:")) {
            return AddressKind.XMPP;
        }
        return switch (protocol) {
            case "xmpp" -> AddressKind.XMPP;
            case "sip" -> AddressKind.SIP;
            case "iax2" -> AddressKind.IAX2;
            case "h323" -> AddressKind.H323;
            default -> peer.chatted() || address.contains("@") ? AddressKind.XMPP : AddressKind.TEL;
        };
    }
}

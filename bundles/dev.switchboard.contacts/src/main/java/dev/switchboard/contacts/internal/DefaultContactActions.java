package dev.switchboard.contacts.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.switchboard.contacts.ContactActions;
import dev.switchboard.contacts.MergedContact;
import dev.switchboard.contacts.NumberPlan;
import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.account.RegistrationManager;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessagingService;

/**
 * Routes from the contact's addresses and the registered accounts. Which protocol reaches which kind of
 * address is fixed here: a number through any telephony protocol (SIP, IAX2, H.323), a SIP/IAX2/H.323
 * address through its own; messages to XMPP addresses through XMPP and to SIP addresses through SIP.
 */
@Component(service = ContactActions.class)
public class DefaultContactActions implements ContactActions {

    private static final Map<AddressKind, List<String>> CALL_PROTOCOLS = Map.of(
            AddressKind.SIP, List.of("sip"),
            AddressKind.TEL, List.of("sip", "iax2", "h323"),
            AddressKind.IAX2, List.of("iax2"),
            AddressKind.H323, List.of("h323"));
    private static final Map<AddressKind, List<String>> CHAT_PROTOCOLS = Map.of(
            AddressKind.XMPP, List.of("xmpp"),
            AddressKind.SIP, List.of("sip"));
    private static final List<AddressKind> CALL_PREFERENCE = List.of(AddressKind.SIP, AddressKind.TEL, AddressKind.IAX2,
            AddressKind.H323);
    private static final List<AddressKind> CHAT_PREFERENCE = List.of(AddressKind.XMPP, AddressKind.SIP);
    private static final Set<String> URI_PROTOCOLS = Set.of("sip");

    private final AccountRegistry accounts;
    private final RegistrationManager registrations;
    private final CallManager calls;
    private final MessagingService messaging;
    private final NumberPlan plan;
    private final PresenceBoard presence;

    @Activate
    public DefaultContactActions(@Reference AccountRegistry accounts, @Reference RegistrationManager registrations,
            @Reference CallManager calls, @Reference MessagingService messaging, @Reference NumberPlan plan,
            @Reference PresenceBoard presence) {
        this.accounts = accounts;
        this.registrations = registrations;
        this.calls = calls;
        this.messaging = messaging;
        this.plan = plan;
        this.presence = presence;
    }

    @Override
    public List<Route> routes(MergedContact contact, Intent intent) {
        Map<AddressKind, List<String>> protocols = intent == Intent.CALL ? CALL_PROTOCOLS : CHAT_PROTOCOLS;
        List<AddressKind> preference = intent == Intent.CALL ? CALL_PREFERENCE : CHAT_PREFERENCE;
        List<Account> registered = accounts.accounts().stream()
                .filter(account -> registrations.state(account.id()).kind() == RegistrationState.Kind.REGISTERED)
                .sorted(Comparator.comparing(Account::id))
                .toList();
        List<ContactAddress> addresses = new ArrayList<>(contact.addresses());
        addresses.removeIf(address -> !protocols.containsKey(address.kind()));
        addresses.sort(Comparator
                .comparingInt((ContactAddress address) -> presence.presence(plan.key(address)).availability().ordinal())
                .thenComparingInt(address -> preference.indexOf(address.kind())));
        List<Route> routes = new ArrayList<>();
        for (ContactAddress address : addresses) {
            for (String protocol : protocols.get(address.kind())) {
                for (Account account : registered) {
                    if (account.protocol().equals(protocol)) {
                        routes.add(new Route(address, account.id(), protocol, dialString(address, protocol)));
                    }
                }
            }
        }
        return routes;
    }

    @Override
    public Call call(MergedContact contact) {
        Route route = first(contact, Intent.CALL);
        return calls.dial(route.accountId(), route.dialString());
    }

    @Override
    public Message chat(MergedContact contact, String text) {
        Route route = first(contact, Intent.CHAT);
        return messaging.send(route.accountId(), route.dialString(), text);
    }

    private Route first(MergedContact contact, Intent intent) {
        List<Route> routes = routes(contact, intent);
        if (routes.isEmpty()) {
            throw new IllegalStateException("no registered account can " + (intent == Intent.CALL ? "call " : "message ")
                    + contact.displayName() + " (addresses: " + contact.addresses().stream()
                            .map(address -> address.kind() + " " + address.value()).toList() + ")");
        }
        return routes.getFirst();
    }

    /** Numbers keep only the digits and a leading '+'; SIP addresses get their scheme; others go as they are. */
    static String dialString(ContactAddress address, String protocol) {
        String value = address.value().strip();
        if (address.kind() == AddressKind.TEL) {
            String number = value.regionMatches(true, 0, "tel:", 0, 4) ? value.substring(4) : value;
            return (number.strip().startsWith("+") ? "+" : "") + number.replaceAll("[^0-9*#]", "");
        }
        if (URI_PROTOCOLS.contains(protocol) && !value.regionMatches(true, 0, protocol + ":", 0, protocol.length() + 1)
                && !value.regionMatches(true, 0, "sips:", 0, 5)) {
            return protocol + ":" + value;
        }
        return value;
    }
}

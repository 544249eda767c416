package dev.switchboard.protocol.xmpp.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Presence.Type;
import org.jivesoftware.smack.roster.RosterGroup;
import org.jivesoftware.smack.roster.RosterListener;
import org.jivesoftware.smack.roster.SubscribeListener.SubscribeAnswer;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

import dev.switchboard.core.presence.Roster;
import dev.switchboard.core.presence.RosterEntry;
import dev.switchboard.core.presence.Subscription;
import dev.switchboard.core.spi.SessionListener;

/**
 * The account's roster (RFC 6121) through Smack's roster manager. Subscription requests are never
 * answered automatically: they wait in {@link #pendingRequests()} for the user's approve or deny.
 */
final class XmppRoster implements Roster {

    /** How long a change waits for the server's roster push after the server accepted it. */
    private static final long PUSH_TIMEOUT_MILLIS = 5_000;

    private final Supplier<XMPPTCPConnection> connection;
    private final SessionListener listener;
    private final Set<BareJid> pending = ConcurrentHashMap.newKeySet();
    private final XmppRosterCache cache;
    /**
     * What was last reported for each contact that is not offline. At login the server answers our presence
     * with one presence per contact, for thousands of contacts mostly "unavailable" or "unsubscribed"
     * about contacts never seen online: only changes of what the core shows are reported, so those cost
     * no notification. Smack delivers the presences of one contact in order (different contacts possibly
     * on different threads), so a contact's check and update need no lock beyond the map's.
     */
    private final Map<String, dev.switchboard.core.presence.Presence> reported = new ConcurrentHashMap<>();

    XmppRoster(Supplier<XMPPTCPConnection> connection, SessionListener listener, XmppRosterCache cache) {
        this.connection = connection;
        this.listener = listener;
        this.cache = cache;
    }

    /** Hooks the roster manager of a new connection object; called once per connection object. */
    void attach(XMPPTCPConnection created) {
        org.jivesoftware.smack.roster.Roster roster = org.jivesoftware.smack.roster.Roster.getInstanceFor(created);
        roster.setSubscriptionMode(org.jivesoftware.smack.roster.Roster.SubscriptionMode.manual);
        // the session asks for the roster itself, before its presence (awaitLoaded)
        roster.setRosterLoadedAtLogin(false);
        // with a stored version the server sends only what changed since (nothing, for an unchanged roster)
        roster.setRosterStore(cache);
        roster.addSubscribeListener((Jid from, org.jivesoftware.smack.packet.Presence request) -> {
            pending.add(from.asBareJid());
            return (SubscribeAnswer) null;
        });
        roster.addRosterListener(new RosterListener() {
            @Override
            public void entriesAdded(Collection<Jid> addresses) {
                rosterPushed();
            }

            @Override
            public void entriesUpdated(Collection<Jid> addresses) {
                rosterPushed();
            }

            @Override
            public void entriesDeleted(Collection<Jid> addresses) {
                rosterPushed();
            }

            @Override
            public void presenceChanged(org.jivesoftware.smack.packet.Presence presence) {
                BareJid contact = presence.getFrom().asBareJid();
                reportIfChanged(contact.toString(), XmppPresences.toCore(roster.getPresence(contact)));
            }
        });
    }

    private void reportIfChanged(String contact, dev.switchboard.core.presence.Presence now) {
        var before = now.equals(dev.switchboard.core.presence.Presence.OFFLINE) ? reported.remove(contact)
                : reported.put(contact, now);
        var shownBefore = before == null ? dev.switchboard.core.presence.Presence.OFFLINE : before;
        if (!now.equals(shownBefore)) {
            listener.presenceChanged(contact, now);
        }
    }

    /** Waits until the roster cache's pending writes are stored, so the next session starts from them. */
    void flushCache() {
        cache.flush();
    }

    /**
     * Asks for the roster and waits (Smack's reply timeout at most) until it is in. The session
     * calls it before sending its initial presence, as RFC 6121 2.2 advises: the server answers a
     * client's stanzas in order, and with presence first, the roster waits behind the server's probes of
     * every contact (seconds for thousands of contacts) and presence replies arrive before their entries.
     */
    void awaitLoaded(XMPPTCPConnection current) throws InterruptedException {
        org.jivesoftware.smack.roster.Roster roster = org.jivesoftware.smack.roster.Roster.getInstanceFor(current);
        try {
            roster.reloadAndWait();
        } catch (SmackException.NotLoggedInException | SmackException.NotConnectedException e) {
            // the connection dropped meanwhile: the caller's next step fails and reports it
        }
    }

    private synchronized void rosterPushed() {
        notifyAll();
    }

    /**
     * Waits (at most {@link #PUSH_TIMEOUT_MILLIS}) until the server's roster push shows our change: the
     * result of a roster set can arrive before the push, and a following change must start from the
     * updated entry (rename then regroup would otherwise send the old name back).
     */
    private synchronized void awaitPush(BareJid contact, java.util.function.Predicate<org.jivesoftware.smack.roster.RosterEntry> done) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(PUSH_TIMEOUT_MILLIS);
        try {
            while (true) {
                var entry = roster().getEntry(contact);
                if (done.test(entry)) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return; // the server accepted the change; its push is merely late
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private org.jivesoftware.smack.roster.Roster roster() {
        return org.jivesoftware.smack.roster.Roster.getInstanceFor(connection.get());
    }

    private static BareJid address(String address) {
        try {
            return JidCreate.bareFrom(address);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an XMPP address: " + address);
        }
    }

    @Override
    public List<RosterEntry> entries() {
        org.jivesoftware.smack.roster.Roster roster = roster();
        return roster.getEntries().stream()
                .map(entry -> new RosterEntry(entry.getJid().toString(), entry.getName() == null ? "" : entry.getName(),
                        groupNames(entry.getGroups()), subscription(entry.getType()), entry.isSubscriptionPending(),
                        XmppPresences.toCore(roster.getPresence(entry.getJid()))))
                .sorted(Comparator.comparing(RosterEntry::address))
                .toList();
    }

    private static Set<String> groupNames(List<RosterGroup> groups) {
        Set<String> names = new TreeSet<>();
        groups.forEach(group -> names.add(group.getName()));
        return names;
    }

    private static Subscription subscription(org.jivesoftware.smack.roster.packet.RosterPacket.ItemType type) {
        return switch (type) {
            case to -> Subscription.TO;
            case from -> Subscription.FROM;
            case both -> Subscription.BOTH;
            case none, remove -> Subscription.NONE;
        };
    }

    @Override
    public void add(String address, String name, Set<String> groups) {
        BareJid contact = address(address);
        run("add " + address, () -> roster().createItemAndRequestSubscription(contact, name,
                groups.toArray(String[]::new)));
        awaitPush(contact, added -> added != null);
    }

    @Override
    public void rename(String address, String name) {
        BareJid contact = address(address);
        var entry = existing(contact);
        run("rename " + address, () -> roster().createItem(contact, name,
                groupNames(entry.getGroups()).toArray(String[]::new)));
        awaitPush(contact, updated -> updated != null && name.equals(updated.getName()));
    }

    @Override
    public void setGroups(String address, Set<String> groups) {
        BareJid contact = address(address);
        var entry = existing(contact);
        run("regroup " + address, () -> roster().createItem(contact, entry.getName(), groups.toArray(String[]::new)));
        awaitPush(contact, updated -> updated != null && groupNames(updated.getGroups()).equals(new TreeSet<>(groups)));
    }

    @Override
    public void remove(String address) {
        BareJid contact = address(address);
        var entry = existing(contact);
        run("remove " + address, () -> roster().removeEntry(entry));
        awaitPush(contact, removed -> removed == null);
    }

    private org.jivesoftware.smack.roster.RosterEntry existing(BareJid contact) {
        var entry = roster().getEntry(contact);
        if (entry == null) {
            throw new IllegalArgumentException(contact + " is not in the roster");
        }
        return entry;
    }

    @Override
    public List<String> pendingRequests() {
        return pending.stream().map(BareJid::toString).sorted().toList();
    }

    @Override
    public void approve(String address) {
        answer(address(address), Type.subscribed);
    }

    @Override
    public void deny(String address) {
        answer(address(address), Type.unsubscribed);
    }

    private void answer(BareJid contact, Type answer) {
        XMPPTCPConnection current = connection.get();
        run(answer + " " + contact, () -> current.sendStanza(
                current.getStanzaFactory().buildPresenceStanza().ofType(answer).to(contact).build()));
        pending.remove(contact);
    }

    @FunctionalInterface
    private interface ServerAction {
        void run() throws SmackException, XMPPException, InterruptedException;
    }

    private static void run(String what, ServerAction action) {
        try {
            action.run();
        } catch (XMPPException.XMPPErrorException e) {
            throw new IllegalStateException("the server refused to " + what + ": " + e.getStanzaError().getCondition());
        } catch (SmackException | XMPPException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what);
        }
    }
}

package dev.switchboard.core.impl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.messaging.DeliveryListener;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.core.spi.MessageSender;

/** Sends through the account's session and tells listeners of every message in either direction. */
@Component(service = MessagingService.class)
public class DefaultMessagingService implements MessagingService, SessionEvents {

    private final SessionHub hub;
    private final AccountRegistry accounts;
    /** Highest {@code service.ranking} first, so a history store (ranked high) has a message before a front end shows it. */
    private final List<RankedListener> listeners = new CopyOnWriteArrayList<>();

    private final List<DeliveryListener> deliveryListeners = new CopyOnWriteArrayList<>();

    private record RankedListener(MessageListener listener, int ranking) {
    }

    @Activate
    public DefaultMessagingService(@Reference SessionHub hub, @Reference AccountRegistry accounts) {
        this.hub = hub;
        this.accounts = accounts;
        hub.addSink(this);
    }

    @Deactivate
    void deactivate() {
        hub.removeSink(this);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addListener(MessageListener listener, Map<String, Object> properties) {
        int ranking = properties.get(Constants.SERVICE_RANKING) instanceof Integer value ? value : 0;
        List<RankedListener> sorted = new ArrayList<>(listeners);
        sorted.add(new RankedListener(listener, ranking));
        sorted.sort(Comparator.comparingInt(RankedListener::ranking).reversed());
        listeners.clear();
        listeners.addAll(sorted);
    }

    synchronized void removeListener(MessageListener listener) {
        listeners.removeIf(ranked -> ranked.listener() == listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDeliveryListener(DeliveryListener listener) {
        deliveryListeners.add(listener);
    }

    void removeDeliveryListener(DeliveryListener listener) {
        deliveryListeners.remove(listener);
    }

    @Override
    public void messageDelivered(Account account, String peer, String messageId) {
        deliveryListeners.forEach(listener -> listener.delivered(account.id(), peer, messageId));
    }

    private void tellListeners(Message message) {
        listeners.forEach(ranked -> ranked.listener().message(message));
    }

    @Override
    public Message send(String accountId, String to, String text) {
        Account account = accounts.account(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        MessageSender sender = hub.existingSession(account.id())
                .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not connected"))
                .capability(MessageSender.class)
                .orElseThrow(() -> new IllegalStateException(
                        "the " + account.protocol() + " account " + accountId + " cannot send messages"));
        Message sent = sender.send(to, text);
        tellListeners(sent);
        return sent;
    }

    @Override
    public void messageReceived(Message message) {
        tellListeners(message);
    }
}

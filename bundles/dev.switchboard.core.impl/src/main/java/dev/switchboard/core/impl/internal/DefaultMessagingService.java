package dev.switchboard.core.impl.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.core.messaging.MessagingService;
import dev.switchboard.core.spi.MessageSender;

/** Sends through the account's session and tells listeners of every message in either direction. */
@Component(service = MessagingService.class)
public class DefaultMessagingService implements MessagingService, SessionEvents {

    private final SessionHub hub;
    private final AccountRegistry accounts;
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();

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
    void addListener(MessageListener listener) {
        listeners.add(listener);
    }

    void removeListener(MessageListener listener) {
        listeners.remove(listener);
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
        listeners.forEach(listener -> listener.message(sent));
        return sent;
    }

    @Override
    public void messageReceived(Message message) {
        listeners.forEach(listener -> listener.message(message));
    }
}

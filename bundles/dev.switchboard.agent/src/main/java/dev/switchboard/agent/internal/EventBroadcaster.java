package dev.switchboard.agent.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.messaging.DeliveryListener;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceListener;

/**
 * Turns every core event into a JSON event for every attached controller. Kept apart from
 * {@link Agent} because it is a listener of the managers that {@link Agent} references: one
 * component doing both would be a service cycle.
 */
@Component(service = { EventBroadcaster.class, RegistrationListener.class, CallListener.class, MessageListener.class,
        PresenceListener.class, DeliveryListener.class, ChatStateListener.class })
public class EventBroadcaster implements RegistrationListener, CallListener, MessageListener, PresenceListener,
        DeliveryListener, ChatStateListener {

    private static final Logger LOG = System.getLogger(EventBroadcaster.class.getName());

    private final List<EventOutput> outputs = new CopyOnWriteArrayList<>();

    void attach(EventOutput output) {
        outputs.add(output);
    }

    void detach(EventOutput output) {
        outputs.remove(output);
    }

    private void broadcast(Map<String, Object> event) {
        for (EventOutput output : outputs) {
            try {
                output.emit(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dropping a controller that failed to take an event: {0}", e.getMessage());
                outputs.remove(output);
            }
        }
    }

    /** An account that could not even start connecting at start (before any registration state): every controller hears why. */
    void connectRefused(String accountId, String reason) {
        Map<String, Object> event = Json.event("error");
        event.put("command", "connect at start");
        event.put("message", accountId + ": " + reason);
        broadcast(event);
    }

    @Override
    public void registrationChanged(Account account, RegistrationState previous, RegistrationState current) {
        broadcast(registrationEvent(account.id(), current));
    }

    static Map<String, Object> registrationEvent(String accountId, RegistrationState state) {
        Map<String, Object> event = Json.event("registration");
        event.put("account", accountId);
        event.put("state", state.kind().name());
        event.put("reason", state.reason());
        return event;
    }

    @Override
    public void callChanged(Call call, CallState previous) {
        broadcast(callEvent(call));
    }

    @Override
    public void dtmfReceived(Call call, char digit) {
        Map<String, Object> event = Json.event("dtmf");
        event.put("call", call.id());
        event.put("account", call.accountId());
        event.put("digit", String.valueOf(digit));
        broadcast(event);
    }

    static Map<String, Object> callEvent(Call call) {
        Map<String, Object> event = Json.event("call");
        event.put("call", call.id());
        event.put("account", call.accountId());
        event.put("state", call.state().name());
        event.put("direction", call.direction().name());
        call.participants().stream().findFirst().ifPresentOrElse(peer -> {
            event.put("peer", peer.address());
            event.put("peerName", peer.displayName());
        }, () -> event.put("peer", ""));
        event.put("codec", call.codec().orElse(""));
        call.endReason().ifPresent(reason -> {
            event.put("reason", reason.kind().name());
            event.put("detail", reason.detail());
        });
        return event;
    }

    @Override
    public void message(Message message) {
        Map<String, Object> event = Json.event("message");
        event.put("account", message.accountId());
        event.put("from", message.incoming() ? message.sender() : "");
        event.put("to", message.incoming() ? "" : message.peer());
        event.put("peer", message.peer());
        event.put("incoming", message.incoming());
        event.put("text", message.text());
        event.put("id", message.id());
        event.put("time", message.timestamp().toString());
        broadcast(event);
    }

    @Override
    public void chatStateChanged(String accountId, String peer, ChatState state) {
        Map<String, Object> event = Json.event("chatstate");
        event.put("account", accountId);
        event.put("peer", peer);
        event.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        broadcast(event);
    }

    @Override
    public void delivered(String accountId, String peer, String messageId) {
        Map<String, Object> event = Json.event("delivered");
        event.put("account", accountId);
        event.put("peer", peer);
        event.put("id", messageId);
        broadcast(event);
    }

    @Override
    public void presenceChanged(String accountId, String contact, Presence value) {
        broadcast(presenceEvent(accountId, contact, value));
    }

    static Map<String, Object> presenceEvent(String accountId, String contact, Presence value) {
        Map<String, Object> event = Json.event("presence");
        event.put("account", accountId);
        event.put("contact", contact);
        event.put("show", PresenceWords.word(value.availability()));
        event.put("note", value.note());
        return event;
    }
}

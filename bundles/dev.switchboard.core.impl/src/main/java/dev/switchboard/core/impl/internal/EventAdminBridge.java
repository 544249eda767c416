package dev.switchboard.core.impl.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationListener;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallListener;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.event.EventTopics;
import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;
import dev.switchboard.core.presence.Presence;
import dev.switchboard.core.presence.PresenceListener;

/**
 * Re-posts every core event on EventAdmin (asynchronously, so a slow CRM handler never delays a
 * call), for extension bundles that should not compile against the listener interfaces.
 */
@Component(service = { RegistrationListener.class, CallListener.class, MessageListener.class, PresenceListener.class,
        ChatStateListener.class })
public class EventAdminBridge implements RegistrationListener, CallListener, MessageListener, PresenceListener,
        ChatStateListener {

    private final EventAdmin eventAdmin;

    @Activate
    public EventAdminBridge(@Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Override
    public void registrationChanged(Account account, RegistrationState previous, RegistrationState current) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.ACCOUNT, account.id());
        properties.put(EventTopics.STATE, current.kind().name());
        properties.put(EventTopics.PREVIOUS_STATE, previous.kind().name());
        properties.put(EventTopics.REASON, current.reason());
        eventAdmin.postEvent(new Event(EventTopics.REGISTRATION, properties));
    }

    @Override
    public void callChanged(Call call, CallState previous) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.CALL_ID, call.id());
        properties.put(EventTopics.ACCOUNT, call.accountId());
        properties.put(EventTopics.STATE, call.state().name());
        properties.put(EventTopics.DIRECTION, call.direction().name());
        if (previous != null) {
            properties.put(EventTopics.PREVIOUS_STATE, previous.name());
        }
        call.participants().stream().findFirst().ifPresent((Participant peer) -> {
            properties.put(EventTopics.PEER, peer.address());
            properties.put(EventTopics.PEER_NAME, peer.displayName());
        });
        call.endReason().ifPresent(reason -> properties.put(EventTopics.REASON, reason.toString()));
        eventAdmin.postEvent(new Event(EventTopics.CALL, properties));
    }

    @Override
    public void dtmfReceived(Call call, char digit) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.CALL_ID, call.id());
        properties.put(EventTopics.ACCOUNT, call.accountId());
        properties.put(EventTopics.DIGIT, String.valueOf(digit));
        eventAdmin.postEvent(new Event(EventTopics.CALL_DTMF, properties));
    }

    @Override
    public void message(Message message) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.ACCOUNT, message.accountId());
        properties.put(EventTopics.PEER, message.peer());
        properties.put(EventTopics.SENDER, message.sender());
        properties.put(EventTopics.TEXT, message.text());
        properties.put(EventTopics.DIRECTION, message.incoming() ? "INCOMING" : "OUTGOING");
        eventAdmin.postEvent(new Event(message.incoming() ? EventTopics.MESSAGE : EventTopics.MESSAGE_SENT, properties));
    }

    @Override
    public void presenceChanged(String accountId, String contact, Presence presence) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.ACCOUNT, accountId);
        properties.put(EventTopics.PEER, contact);
        properties.put(EventTopics.STATE, presence.availability().name());
        properties.put(EventTopics.NOTE, presence.note());
        eventAdmin.postEvent(new Event(EventTopics.PRESENCE, properties));
    }

    @Override
    public void chatStateChanged(String accountId, String peer, ChatState state) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(EventTopics.ACCOUNT, accountId);
        properties.put(EventTopics.PEER, peer);
        properties.put(EventTopics.STATE, state.name());
        eventAdmin.postEvent(new Event(EventTopics.CHAT_STATE, properties));
    }
}

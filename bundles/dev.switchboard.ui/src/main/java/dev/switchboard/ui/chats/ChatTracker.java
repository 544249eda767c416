package dev.switchboard.ui.chats;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.core.messaging.ChatState;
import dev.switchboard.core.messaging.ChatStateListener;
import dev.switchboard.core.messaging.DeliveryListener;
import dev.switchboard.core.messaging.Message;
import dev.switchboard.core.messaging.MessageListener;

/**
 * Follows every message, delivery receipt and chat state (whiteboard listener services) for the window: keeps the
 * {@link ChatBoard} of this run's conversations and unread counts, and tells watchers (the chats view,
 * the unread badge) on the core's thread; they render on their own. It references no core service,
 * so it can be a whiteboard listener without a service cycle.
 */
@Component(service = { ChatTracker.class, MessageListener.class, DeliveryListener.class, ChatStateListener.class })
public final class ChatTracker implements MessageListener, DeliveryListener, ChatStateListener {

    /** Told of each change; called on the thread that made it. */
    public interface Watcher {
        default void message(ConversationKey conversation, Message message) {
        }

        default void delivered(String accountId, String peer, String messageId) {
        }

        /** The partner started or stopped typing (or left); only for protocols with chat states. */
        default void chatState(String accountId, String peer, ChatState state) {
        }

        /** Unread counts or the set of conversations changed. */
        void changed();
    }

    private final ChatBoard board = new ChatBoard();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> rooms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Optional<ConversationKey> reading = Optional.empty();

    @Override
    public void message(Message message) {
        ConversationKey key;
        synchronized (this) {
            // a room's messages name their occupant as sender; a person's name the peer (or us)
            boolean room = rooms.contains(message.accountId() + "\u0000" + message.peer())
                    || (message.incoming() && !message.sender().equals(message.peer()));
            key = board.add(message, reading, room);
        }
        watchers.forEach(watcher -> watcher.message(key, message));
        watchers.forEach(Watcher::changed);
    }

    @Override
    public void delivered(String accountId, String peer, String messageId) {
        watchers.forEach(watcher -> watcher.delivered(accountId, peer, messageId));
    }

    @Override
    public void chatStateChanged(String accountId, String peer, ChatState state) {
        watchers.forEach(watcher -> watcher.chatState(accountId, peer, state));
    }

    public ConversationKey open(String accountId, String peer, boolean room) {
        ConversationKey key;
        synchronized (this) {
            if (room) {
                rooms.add(accountId + "\u0000" + peer);
            }
            key = board.open(accountId, peer, room);
        }
        watchers.forEach(Watcher::changed);
        return key;
    }

    /** The conversation the user is reading now (its messages are not counted unread), or none. */
    public void reading(Optional<ConversationKey> conversation) {
        synchronized (this) {
            reading = conversation;
            conversation.ifPresent(board::read);
        }
        watchers.forEach(Watcher::changed);
    }

    public void close(ConversationKey conversation) {
        synchronized (this) {
            board.close(conversation);
            if (reading.filter(conversation::equals).isPresent()) {
                reading = Optional.empty();
            }
        }
        watchers.forEach(Watcher::changed);
    }

    public synchronized List<ConversationKey> conversations() {
        return board.conversations();
    }

    public synchronized int unread(ConversationKey conversation) {
        return board.unread(conversation);
    }

    public synchronized int totalUnread() {
        return board.totalUnread();
    }

    public void addWatcher(Watcher watcher) {
        watchers.add(watcher);
    }

    public void removeWatcher(Watcher watcher) {
        watchers.remove(watcher);
    }
}

package dev.switchboard.ui.chats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.core.messaging.Message;

/**
 * The conversations of this run and how many of each one's messages the user has not read yet;
 * kept while no chat view exists (the view opens on demand), so nothing received before is missed.
 * Not thread-safe: {@link ChatTracker} changes it on one thread at a time.
 */
public final class ChatBoard {

    private final Map<ConversationKey, Integer> unread = new LinkedHashMap<>();

    /**
     * Counts a message: a received one is unread unless its conversation is the one being read.
     *
     * @return the conversation it belongs to (added if new)
     */
    public ConversationKey add(Message message, Optional<ConversationKey> reading, boolean room) {
        ConversationKey key = find(message.accountId(), message.peer())
                .orElseGet(() -> new ConversationKey(message.accountId(), message.peer(), room));
        int count = unread.getOrDefault(key, 0);
        if (message.incoming() && !reading.filter(key::equals).isPresent()) {
            count++;
        }
        unread.put(key, count);
        return key;
    }

    /** Opens a conversation the user started (no message yet). */
    public ConversationKey open(String accountId, String peer, boolean room) {
        ConversationKey key = find(accountId, peer).orElseGet(() -> new ConversationKey(accountId, peer, room));
        unread.putIfAbsent(key, 0);
        return key;
    }

    public void read(ConversationKey key) {
        unread.computeIfPresent(key, (ignored, count) -> 0);
    }

    public void close(ConversationKey key) {
        unread.remove(key);
    }

    public Optional<ConversationKey> find(String accountId, String peer) {
        return unread.keySet().stream().filter(key -> key.sameAs(accountId, peer)).findFirst();
    }

    public int unread(ConversationKey key) {
        return unread.getOrDefault(key, 0);
    }

    public int totalUnread() {
        return unread.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** In the order they were first seen. */
    public List<ConversationKey> conversations() {
        return new ArrayList<>(unread.keySet());
    }
}

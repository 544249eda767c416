package dev.switchboard.ui.chats;

import dev.switchboard.core.messaging.ChatState;

/** The words the chats view shows for chat states, receipts and searches; kept apart to be tested. */
final class ChatText {

    private ChatText() {
    }

    /** What {@code who}'s chat state means to the reader; empty when there is nothing to show. */
    static String partnerState(String who, ChatState state) {
        return switch (state) {
            case COMPOSING -> who + " is typing\u2026";
            case PAUSED -> who + " stopped typing";
            case GONE -> who + " left the conversation";
            case ACTIVE, INACTIVE -> "";
        };
    }

    /** @param time when the confirmed message was sent, "HH:mm", or empty if unknown */
    static String delivered(String time) {
        return time.isEmpty() ? "\u2713 Delivered" : "\u2713 Delivered (sent " + time + ")";
    }

    static String found(int hits, int limit) {
        if (hits == 0) {
            return "No messages match.";
        }
        if (hits >= limit) {
            return "The " + limit + " newest matching messages; type more to narrow the search.";
        }
        return hits + (hits == 1 ? " message matches." : " messages match.") + " Enter or double-click opens the conversation.";
    }

    /** A room's status line: its subject and who is in it. */
    static String room(String subject, java.util.List<String> occupants) {
        String topic = subject.isBlank() ? "No subject" : "Subject: " + subject.strip();
        if (occupants.isEmpty()) {
            return topic;
        }
        return topic + " \u00B7 " + occupants.size() + " here: " + String.join(", ", occupants);
    }
}

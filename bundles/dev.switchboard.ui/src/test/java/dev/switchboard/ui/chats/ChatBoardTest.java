package dev.switchboard.ui.chats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.messaging.Message;

class ChatBoardTest {

    private static Message from(String peer, String id) {
        return new Message(id, "alice", peer, true, peer, "hello", Instant.EPOCH);
    }

    private static Message to(String peer, String id) {
        return new Message(id, "alice", peer, false, "alice@127.0.0.1", "hi", Instant.EPOCH);
    }

    @Test
    void receivedMessagesAreUnreadUntilTheirConversationIsRead() {
        ChatBoard board = new ChatBoard();
        ConversationKey bob = board.add(from("bob@127.0.0.1", "1"), Optional.empty(), false);
        board.add(from("bob@127.0.0.1", "2"), Optional.empty(), false);
        ConversationKey carol = board.add(from("carol@127.0.0.1", "3"), Optional.empty(), false);
        assertEquals(2, board.unread(bob));
        assertEquals(3, board.totalUnread());
        board.read(bob);
        assertEquals(0, board.unread(bob));
        assertEquals(1, board.totalUnread());
        assertEquals(List.of(bob, carol), board.conversations());
    }

    @Test
    void messagesOfTheConversationBeingReadAndSentOnesAreNotCounted() {
        ChatBoard board = new ChatBoard();
        ConversationKey bob = board.open("alice", "bob@127.0.0.1", false);
        board.add(from("bob@127.0.0.1", "1"), Optional.of(bob), false);
        board.add(to("bob@127.0.0.1", "2"), Optional.empty(), false);
        assertEquals(0, board.totalUnread());
    }

    @Test
    void aPeerIsOneConversationWhateverTheCaseOfItsAddress() {
        ChatBoard board = new ChatBoard();
        ConversationKey room = board.open("alice", "team@conference.127.0.0.1", true);
        ConversationKey same = board.add(new Message("1", "alice", "Team@Conference.127.0.0.1", true, "bob", "hi",
                Instant.EPOCH), Optional.empty(), false);
        assertEquals(room, same);
        assertTrue(same.room());
        board.close(room);
        assertFalse(board.find("alice", "team@conference.127.0.0.1").isPresent());
    }
}

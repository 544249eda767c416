package dev.switchboard.ui.chats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.messaging.ChatState;

class ChatTextTest {

    @Test
    void typingShowsWhileComposingAndPausedAndVanishesOtherwise() {
        assertEquals("Bob is typing\u2026", ChatText.partnerState("Bob", ChatState.COMPOSING));
        assertEquals("Bob stopped typing", ChatText.partnerState("Bob", ChatState.PAUSED));
        assertEquals("", ChatText.partnerState("Bob", ChatState.ACTIVE));
        assertEquals("", ChatText.partnerState("Bob", ChatState.INACTIVE));
        assertEquals("Bob left the conversation", ChatText.partnerState("Bob", ChatState.GONE));
    }

    @Test
    void deliveryNamesTheSendingTimeWhenKnown() {
        assertEquals("\u2713 Delivered (sent 07:40)", ChatText.delivered("07:40"));
        assertEquals("\u2713 Delivered", ChatText.delivered(""));
    }

    @Test
    void searchSummaryCountsAndSaysWhenTheLimitCutItShort() {
        assertEquals("No messages match.", ChatText.found(0, 100));
        assertTrue(ChatText.found(1, 100).startsWith("1 message matches."));
        assertTrue(ChatText.found(3, 100).startsWith("3 messages match."));
        assertTrue(ChatText.found(100, 100).startsWith("The 100 newest matching messages"));
    }

    @Test
    void aRoomsLineSaysItsSubjectAndWhoIsThere() {
        assertEquals("Subject: Weekly sync \u00B7 2 here: alice, bob", ChatText.room(" Weekly sync ", List.of("alice", "bob")));
        assertEquals("No subject", ChatText.room("", List.of()));
    }
}

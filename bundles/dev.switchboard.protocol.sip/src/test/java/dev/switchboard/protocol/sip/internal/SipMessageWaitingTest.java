package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.MessageSummary;

/** Reading application/simple-message-summary bodies (RFC 3842 section 5.2). */
class SipMessageWaitingTest {

    @Test
    void readsTheVoiceCountsOfTheRfcExample() {
        String body = "Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\n"
                + "Voice-Message: 2/8 (0/2)\r\n";
        assertEquals(Optional.of(new MessageSummary(true, 2, 8)), SipMessageWaiting.parse(body));
    }

    @Test
    void countsAreZeroWithoutAVoiceLineAndNamesAreCaseInsensitive() {
        assertEquals(Optional.of(new MessageSummary(false, 0, 0)), SipMessageWaiting.parse("messages-waiting: no\n"));
        assertEquals(Optional.of(new MessageSummary(true, 3, 0)),
                SipMessageWaiting.parse("Messages-Waiting:yes\nvoice-message: 3/0\n"));
    }

    @Test
    void aBodyWithoutMessagesWaitingIsRefusedAndUnreadableCountsAreZero() {
        assertEquals(Optional.empty(), SipMessageWaiting.parse("Voice-Message: 2/8\r\n"));
        assertEquals(Optional.empty(), SipMessageWaiting.parse(""));
        assertEquals(Optional.of(new MessageSummary(true, 0, 0)),
                SipMessageWaiting.parse("Messages-Waiting: yes\r\nVoice-Message: lots\r\n"));
    }
}

package dev.switchboard.core.account;

/**
 * What a mailbox holds: whether messages wait and the new (unheard) and old (heard) voice messages; counts are 0
 * when the server sent none.
 *
 * @param waiting the server's own "messages waiting" flag (it may be set with no counts)
 * @param newMessages unheard voice messages, at least 0
 * @param oldMessages heard and kept voice messages, at least 0
 * @since 1.2
 */
public record MessageSummary(boolean waiting, int newMessages, int oldMessages) {

    public MessageSummary {
        if (newMessages < 0 || oldMessages < 0) {
            throw new IllegalArgumentException("message counts cannot be negative: " + newMessages + "/" + oldMessages);
        }
    }
}

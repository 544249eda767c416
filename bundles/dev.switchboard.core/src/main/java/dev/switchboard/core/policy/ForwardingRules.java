package dev.switchboard.core.policy;

import java.time.Duration;
import java.util.Optional;

import dev.switchboard.core.account.Account;

/**
 * Call forwarding of one account, kept in the account's settings so that it persists with it
 * and every front end edits it the same way.
 *
 * @param always        forward every call here without ringing
 * @param busy          forward here when a call is already established
 * @param noAnswer      forward here when nobody answers within {@code noAnswerDelay}
 * @param noAnswerDelay how long an unanswered call rings before it is forwarded
 */
public record ForwardingRules(Optional<String> always, Optional<String> busy, Optional<String> noAnswer,
        Duration noAnswerDelay) {

    public static final String ALWAYS = "forward.always";
    public static final String BUSY = "forward.busy";
    public static final String NO_ANSWER = "forward.noanswer";
    public static final String NO_ANSWER_SECONDS = "forward.noanswer.seconds";
    /** Account setting: {@code false} rejects a second call while one is established. */
    public static final String CALL_WAITING = "callwaiting";
    /** Account setting: {@code true} answers incoming calls without the user (since 1.1). */
    public static final String AUTO_ANSWER = "autoanswer";
    /** Account setting: how many seconds an auto-answered call rings first (default 0, since 1.1). */
    public static final String AUTO_ANSWER_SECONDS = "autoanswer.seconds";

    private static final Duration DEFAULT_NO_ANSWER_DELAY = Duration.ofSeconds(20);

    public static ForwardingRules of(Account account) {
        Duration delay = account.setting(NO_ANSWER_SECONDS)
                .map(Long::parseLong)
                .map(Duration::ofSeconds)
                .orElse(DEFAULT_NO_ANSWER_DELAY);
        return new ForwardingRules(account.setting(ALWAYS), account.setting(BUSY), account.setting(NO_ANSWER), delay);
    }

    /**
     * How long a call rings before the account answers it by itself; empty when auto-answer is off.
     *
     * @throws IllegalArgumentException if the delay setting is not a whole number of seconds from 0 on
     * @since 1.1
     */
    public static Optional<Duration> autoAnswer(Account account) {
        if (!"true".equalsIgnoreCase(account.setting(AUTO_ANSWER).orElse("false"))) {
            return Optional.empty();
        }
        String seconds = account.setting(AUTO_ANSWER_SECONDS).orElse("0").strip();
        try {
            long value = Long.parseLong(seconds);
            if (value >= 0) {
                return Optional.of(Duration.ofSeconds(value));
            }
        } catch (NumberFormatException e) {
            // reported below like a negative number
        }
        throw new IllegalArgumentException("account " + account.id() + ": " + AUTO_ANSWER_SECONDS + "=" + seconds
                + " is not a whole number of seconds");
    }

    public static boolean callWaiting(Account account) {
        return !"false".equalsIgnoreCase(account.setting(CALL_WAITING).orElse("true"));
    }
}

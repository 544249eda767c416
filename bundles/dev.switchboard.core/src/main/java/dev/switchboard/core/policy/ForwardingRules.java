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

    private static final Duration DEFAULT_NO_ANSWER_DELAY = Duration.ofSeconds(20);

    public static ForwardingRules of(Account account) {
        Duration delay = account.setting(NO_ANSWER_SECONDS)
                .map(Long::parseLong)
                .map(Duration::ofSeconds)
                .orElse(DEFAULT_NO_ANSWER_DELAY);
        return new ForwardingRules(account.setting(ALWAYS), account.setting(BUSY), account.setting(NO_ANSWER), delay);
    }

    public static boolean callWaiting(Account account) {
        return !"false".equalsIgnoreCase(account.setting(CALL_WAITING).orElse("true"));
    }
}

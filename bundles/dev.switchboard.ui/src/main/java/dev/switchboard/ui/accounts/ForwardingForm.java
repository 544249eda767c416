package dev.switchboard.ui.accounts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.policy.ForwardingRules;

/**
 * The Forwarding page's rules for one account, read from and written to the account's settings (the
 * keys of {@link ForwardingRules}, which the core's call manager applies). Pure, so it is tested
 * without a display.
 *
 * @param always       forward every call here without ringing; empty for none
 * @param busy         forward here while a call is established; empty for none
 * @param noAnswer     forward here when nobody answers; empty for none
 * @param delaySeconds how long a call rings before the no-answer rule forwards it
 * @param callWaiting  whether a second call may ring while one is established
 */
public record ForwardingForm(String always, String busy, String noAnswer, int delaySeconds, boolean callWaiting) {

    public static final int MIN_DELAY = 5;
    public static final int MAX_DELAY = 120;
    private static final Pattern BLANK = Pattern.compile("\\s");

    public static ForwardingForm of(Account account) {
        ForwardingRules rules = ForwardingRules.of(account);
        return new ForwardingForm(rules.always().orElse(""), rules.busy().orElse(""), rules.noAnswer().orElse(""),
                (int) rules.noAnswerDelay().toSeconds(), ForwardingRules.callWaiting(account));
    }

    /** What is wrong with the rules, for the page's error line; empty when they can be stored. */
    public Optional<String> problem() {
        for (Map.Entry<String, String> target : Map.of("Always", always, "When busy", busy, "When not answered", noAnswer)
                .entrySet()) {
            if (BLANK.matcher(target.getValue().strip()).find()) {
                return Optional.of(target.getKey() + ": a number or address has no blanks inside");
            }
        }
        if (delaySeconds < MIN_DELAY || delaySeconds > MAX_DELAY) {
            return Optional.of("Ring for " + MIN_DELAY + " to " + MAX_DELAY + " seconds before forwarding");
        }
        return Optional.empty();
    }

    /** The settings to apply with {@link Account#with}: an empty value removes a rule. */
    public Map<String, String> settings() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(ForwardingRules.ALWAYS, always.strip());
        changes.put(ForwardingRules.BUSY, busy.strip());
        changes.put(ForwardingRules.NO_ANSWER, noAnswer.strip());
        changes.put(ForwardingRules.NO_ANSWER_SECONDS, Integer.toString(delaySeconds));
        // the core's default is on; only the exception is stored
        changes.put(ForwardingRules.CALL_WAITING, callWaiting ? "" : "false");
        return changes;
    }
}

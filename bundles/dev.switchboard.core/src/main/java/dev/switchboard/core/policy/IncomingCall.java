package dev.switchboard.core.policy;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.call.Participant;

/**
 * What a policy knows about a call that has arrived but not yet rung.
 *
 * @param account          the account it arrived on
 * @param caller           who is calling
 * @param establishedCalls how many calls already occupy the user (connected, held, transferring)
 */
public record IncomingCall(Account account, Participant caller, int establishedCalls) {
}

package dev.switchboard.ui.status;

import java.util.Objects;

import dev.switchboard.core.account.RegistrationState;

/**
 * One account as the status area shows it.
 *
 * @param accountId   the account's stable id
 * @param displayName what the user calls it; equal to the id when no display name is set
 * @param state       the last known registration state
 */
public record AccountStatus(String accountId, String displayName, RegistrationState state) {

    public AccountStatus {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(state, "state");
    }
}

package dev.switchboard.core.account;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when an account is added, changed or removed. */
@ConsumerType
public interface AccountListener {

    void accountChanged(Account account);

    void accountRemoved(String id);
}

package dev.switchboard.core.account;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard listener service: told of every registration transition of every account. */
@ConsumerType
public interface RegistrationListener {

    void registrationChanged(Account account, RegistrationState previous, RegistrationState current);
}

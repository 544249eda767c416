package dev.switchboard.core.presence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The user's one availability across all protocols. Setting {@link Availability#DO_NOT_DISTURB}
 * makes the call manager decline calls and every presence-capable account publish it.
 */
@ProviderType
public interface PresenceService {

    Presence own();

    void setOwn(Presence presence);
}

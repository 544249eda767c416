package dev.switchboard.media.session;

import org.osgi.annotation.versioning.ProviderType;

import dev.switchboard.media.audio.AudioDeviceException;

/**
 * Local N-party conferences: each member hears everyone but itself (mix-minus), whatever its protocol,
 * codec or sample rate. Used for 3-way calls across protocols; a DS service.
 */
@ProviderType
public interface ConferenceMixer {

    /**
     * A new, empty bridge with the user's devices as its local part.
     *
     * @throws AudioDeviceException if a device cannot be opened
     */
    ConferenceBridge create(AudioEndpoints local) throws AudioDeviceException;
}

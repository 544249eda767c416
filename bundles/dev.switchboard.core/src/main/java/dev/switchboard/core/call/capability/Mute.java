package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/** Stops sending our microphone without telling the far end. */
@ConsumerType
public interface Mute {

    void mute();

    void unmute();

    boolean muted();
}

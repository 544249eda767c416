package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/** Sends a hook flash, for PBX features that still expect one. */
@ConsumerType
public interface HookFlash {

    void flash();
}

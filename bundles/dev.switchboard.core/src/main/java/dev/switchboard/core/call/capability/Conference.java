package dev.switchboard.core.call.capability;

import dev.switchboard.core.call.Call;

import org.osgi.annotation.versioning.ConsumerType;

/** Merges another call into a local conference mixed on this machine. */
@ConsumerType
public interface Conference {

    void merge(Call other);

    /** Takes a call back out of the conference, leaving it on hold. */
    void split(Call other);
}

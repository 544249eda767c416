package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/** Puts the far end on hold (sendonly/inactive media) and takes it off again. */
@ConsumerType
public interface Hold {

    void hold();

    void resume();
}

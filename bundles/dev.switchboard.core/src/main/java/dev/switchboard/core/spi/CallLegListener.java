package dev.switchboard.core.spi;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a call leg reports progress. The core applies each report to the call's state machine; an
 * impossible report ends the call as {@link EndReason.Kind#FAILED} and is logged.
 */
@ProviderType
public interface CallLegListener {

    /** Any state but {@link CallState#ENDED}. */
    void stateChanged(CallState state);

    void ended(EndReason reason);

    /** Media was (re)negotiated. */
    void codecChanged(String codec);
}

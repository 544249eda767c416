package dev.switchboard.core.spi;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;

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

    /**
     * The far end sent a DTMF digit (one of {@link dev.switchboard.core.call.capability.Dtmf#DIGITS})
     * by whatever means the protocol carries it (RFC 4733, in-band tones, SIP INFO, IAX2 DTMF frames,
     * H.245 user input); reported once per key press, when it ends.
     */
    void dtmfReceived(char digit);

    /**
     * The leg's far end is now {@code remote} (its {@code CallLeg.remote()} already says so): after a transfer or a
     * dialog replaced (SIP Replaces), when the call keeps its state. The default ignores it.
     */
    default void remoteChanged(Participant remote) {
    }
}

package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/** Sends DTMF digits (0-9, *, #, A-D) in the protocol's preferred way. */
@ConsumerType
public interface Dtmf {

    /** Characters allowed in {@link #send(String)}. */
    String DIGITS = "0123456789*#ABCD";

    /**
     * @throws IllegalArgumentException if {@code digits} contains anything outside {@link #DIGITS}
     */
    void send(String digits);
}

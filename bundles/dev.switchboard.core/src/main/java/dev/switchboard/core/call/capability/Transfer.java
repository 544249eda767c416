package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.ConsumerType;

/** Blind transfer: hands the far end to another address and leaves the call. */
@ConsumerType
public interface Transfer {

    void transfer(String address);
}

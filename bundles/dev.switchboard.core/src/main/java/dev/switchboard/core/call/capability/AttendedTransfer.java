package dev.switchboard.core.call.capability;

import dev.switchboard.core.call.Call;

import org.osgi.annotation.versioning.ConsumerType;

/** Attended transfer: joins this call's far end with the far end of a consultation call. */
@ConsumerType
public interface AttendedTransfer {

    /** @param consultation an established call of the same account to the transfer target */
    void transfer(Call consultation);
}

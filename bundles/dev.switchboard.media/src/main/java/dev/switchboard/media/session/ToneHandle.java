package dev.switchboard.media.session;

import org.osgi.annotation.versioning.ProviderType;

/** A tone playing on a device; closing stops it and releases the device (idempotent). */
@ProviderType
public interface ToneHandle extends AutoCloseable {

    @Override
    void close();
}

package dev.switchboard.core.call.capability;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/** Records both directions of the call's audio into a file. */
@ConsumerType
public interface Record {

    void start(Path file);

    void stop();

    boolean recording();
}

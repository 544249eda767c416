package dev.switchboard.media.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** One local conference: the user plus the member sessions, each hearing all the others. */
@ProviderType
public interface ConferenceBridge extends AutoCloseable {

    /** Moves a session's audio from its own devices into the bridge (the user hears and speaks to all). */
    void add(MediaSession session);

    /** Gives the session its own devices back (the caller puts it on hold if wanted). */
    void remove(MediaSession session);

    List<MediaSession> members();

    /** Records the whole conference (everyone mixed) to a 16-bit mono WAV. */
    void startRecording(Path wav) throws IOException;

    void stopRecording();

    /** Removes every member (they get their devices back) and releases the bridge's devices; idempotent. */
    @Override
    void close();
}

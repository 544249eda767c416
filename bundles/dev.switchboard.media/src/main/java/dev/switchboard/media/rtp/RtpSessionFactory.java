package dev.switchboard.media.rtp;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** Opens RTP sessions; available as an OSGi service. */
@ProviderType
public interface RtpSessionFactory {

    /**
     * Binds the session's ports and starts receiving.
     *
     * @throws IOException if no port (pair) could be bound on the local address
     */
    RtpSession open(RtpSessionOptions options, RtpSessionListener listener) throws IOException;
}

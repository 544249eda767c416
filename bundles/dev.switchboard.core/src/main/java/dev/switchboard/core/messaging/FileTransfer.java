package dev.switchboard.core.messaging;

import java.net.URI;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Session capability of protocols that can send files (XMPP HTTP upload, XEP-0363). Both methods
 * return at once; the transfer runs in the background and reports to its listener: progress as
 * bytes move, then exactly one of {@code done} or {@code failed}.
 *
 * @since 1.2
 */
@ConsumerType
public interface FileTransfer {

    /**
     * Uploads the file and, once it is stored, sends {@code to} a message whose text is the file's
     * link (which {@link #download} fetches).
     */
    void send(String to, Path file, TransferListener listener);

    /** Fetches a file another user sent into {@code target} (replaced if it exists). */
    void download(URI link, Path target, TransferListener listener);
}

package dev.switchboard.core.messaging;

import java.net.URI;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Follows one {@link FileTransfer}. Called from the transfer's thread.
 *
 * @since 1.2
 */
@ConsumerType
public interface TransferListener {

    /** @param total the file's size in bytes */
    void progress(long transferred, long total);

    /**
     * The whole file moved.
     *
     * @param link   where the file is stored (what the recipient downloads)
     * @param sha256 hex SHA-256 of the bytes this side sent or received, to compare with the other side
     */
    void done(URI link, String sha256);

    /** The transfer stopped; {@code reason} says why (file too large, server refused, connection lost ...). */
    void failed(String reason);
}

/**
 * Instant messages and conversations, independent of the protocol that carries them.
 *
 * <p>1.2.0 adds chat states (ChatState, ChatStates, ChatStateListener) and file transfer (FileTransfer, TransferListener).
 */
@Version("1.2.0")
package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.Version;

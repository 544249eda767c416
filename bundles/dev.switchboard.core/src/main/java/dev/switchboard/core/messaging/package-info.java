/**
 * Instant messages and conversations, independent of the protocol that carries them.
 */
@Version("1.1.0")
package dev.switchboard.core.messaging;

import org.osgi.annotation.versioning.Version;

/**
 * Durable chat and call history: every message sent or received and every ended call, kept in the
 * profile's store, searchable, with a retention period.
 */
@Version("1.2.0")
package dev.switchboard.history;

import org.osgi.annotation.versioning.Version;

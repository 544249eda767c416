/**
 * The user's own availability across protocols and the presence of contacts.
 */
@Version("1.1.0")
package dev.switchboard.core.presence;

import org.osgi.annotation.versioning.Version;

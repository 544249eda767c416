/**
 * The user's own availability across protocols and the presence of contacts.
 *
 * <p>1.2.0 adds the ContactDetails capability (avatar, idle time) and Avatar.
 */
@Version("1.2.0")
package dev.switchboard.core.presence;

import org.osgi.annotation.versioning.Version;

/**
 * The shared call model: calls, participants, the call state machine and the call manager.
 */
@Version("1.0.0")
package dev.switchboard.core.call;

import org.osgi.annotation.versioning.Version;

/**
 * Call handling policies the call manager consults for incoming calls (DND, forwarding, call waiting, auto-answer).
 */
@Version("1.1.0")
package dev.switchboard.core.policy;

import org.osgi.annotation.versioning.Version;

/**
 * Small capability interfaces a call offers when its protocol can do the operation.
 */
@Version("1.0.0")
package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.Version;

/**
 * Small capability interfaces a call offers when its protocol can do the operation.
 *
 * <p>1.1.0 adds {@link dev.switchboard.core.call.capability.QualityIndicator}; 1.2.0 adds
 * {@link dev.switchboard.core.call.capability.AudioLevelMeter}.
 */
@Version("1.2.0")
package dev.switchboard.core.call.capability;

import org.osgi.annotation.versioning.Version;

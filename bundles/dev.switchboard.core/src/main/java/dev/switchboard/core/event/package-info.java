/**
 * EventAdmin topics and property names under which core events are posted for extension bundles.
 *
 * <p>1.1.0 adds the {@code CALL_DTMF} topic and its {@code DIGIT} property.
 */
@Version("1.1.0")
package dev.switchboard.core.event;

import org.osgi.annotation.versioning.Version;

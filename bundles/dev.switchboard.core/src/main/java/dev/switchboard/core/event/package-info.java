/**
 * EventAdmin topics and property names under which core events are posted for extension bundles.
 */
@Version("1.0.0")
package dev.switchboard.core.event;

import org.osgi.annotation.versioning.Version;

/**
 * EventAdmin topics and property names under which core events are posted for extension bundles.
 *
 * <p>1.1.0 adds the {@code CALL_DTMF} topic and its {@code DIGIT} property; 1.2.0 the {@code CHAT_STATE} topic.
 */
@Version("1.2.0")
package dev.switchboard.core.event;

import org.osgi.annotation.versioning.Version;

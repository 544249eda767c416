/**
 * The shared call model: calls, participants, the call state machine and the call manager.
 *
 * <p>1.1.0 adds {@code CallListener.dtmfReceived(Call, char)}; 1.2.0 adds {@code Call.forward(String)}.
 */
@Version("1.2.0")
package dev.switchboard.core.call;

import org.osgi.annotation.versioning.Version;

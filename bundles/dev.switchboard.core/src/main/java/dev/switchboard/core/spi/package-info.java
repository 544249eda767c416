/**
 * Service provider interface implemented by protocol plug-ins (SIP, XMPP, IAX2, H.323).
 *
 * <p>1.1.0 adds {@link dev.switchboard.core.spi.SettingField} and the default methods
 * {@code ProtocolProvider.label()} and {@code ProtocolProvider.settingFields()}, so that front ends
 * can build an account form for any installed protocol; providers built against 1.0 keep working.
 * 1.2.0 adds {@code CallLegListener.dtmfReceived(char)}, through which a leg reports the far end's
 * DTMF to the core. 1.3.0 adds {@code CallLegListener.remoteChanged(Participant)}: the far end changed
 * without a state change (a transfer completed, a dialog replaced).
 */
@Version("1.3.0")
package dev.switchboard.core.spi;

import org.osgi.annotation.versioning.Version;

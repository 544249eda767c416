/**
 * Service provider interface implemented by protocol plug-ins (SIP, XMPP, IAX2, H.323).
 */
@Version("1.1.0")
package dev.switchboard.core.spi;

import org.osgi.annotation.versioning.Version;

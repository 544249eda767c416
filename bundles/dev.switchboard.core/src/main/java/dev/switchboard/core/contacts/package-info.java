/**
 * Contacts with any number of addresses, and the SPI of contact sources.
 */
@Version("1.2.0")
package dev.switchboard.core.contacts;

import org.osgi.annotation.versioning.Version;

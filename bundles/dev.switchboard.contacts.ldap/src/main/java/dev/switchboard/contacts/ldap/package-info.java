/**
 * Corporate LDAP directories as contact sources: their configuration and where it is kept.
 */
@Version("1.0.0")
package dev.switchboard.contacts.ldap;

import org.osgi.annotation.versioning.Version;
